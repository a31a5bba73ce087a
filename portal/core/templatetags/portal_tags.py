from __future__ import annotations

from typing import Any

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context: dict[str, Any], language: str) -> str:
    """The current page's URL in another language (falls back to that language's home page)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    translated = translate_url(request.get_full_path(), language)
    if translated == request.get_full_path() and not request.path.startswith(f"/{language}/"):
        return f"/{language}/"
    return translated


@register.filter
def role_label(role: Any) -> str:
    from portal.accounts.roles import Role

    return str(Role(role).label) if role else ""
