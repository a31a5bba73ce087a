from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils.translation import gettext

from portal.forms import form_has_errors

register = template.Library()


@register.simple_tag(takes_context=True)
def error_title_prefix(context: Context) -> str:
    """ "Error: " at the start of the page title when a form on the page failed validation."""
    values: list[Any] = list(context.flatten().values())
    if any(form_has_errors(value) for value in values):
        return gettext("Error:") + " "
    return ""


@register.filter
def startswith(value: object, prefix: object) -> bool:
    return bool(prefix) and str(value).startswith(str(prefix))
