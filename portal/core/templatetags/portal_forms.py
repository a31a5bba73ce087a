from __future__ import annotations

from django import template
from django.template.context import Context
from django.utils.translation import gettext

from portal.forms import form_has_errors

register = template.Library()


@register.simple_tag(takes_context=True)
def error_title_prefix(context: Context) -> str:
    """ "Error: " at the start of the page title when a form on the page failed validation."""
    # Looks through the context's layers without merging them: this runs on every page.
    for layer in context.dicts:
        if any(form_has_errors(value) for value in layer.values()):
            return gettext("Error:") + " "
    return ""


@register.filter
def startswith(value: object, prefix: object) -> bool:
    return bool(prefix) and str(value).startswith(str(prefix))
