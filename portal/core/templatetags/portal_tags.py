from __future__ import annotations

from typing import Any

from django import template
from django.template import Context
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import override

from portal import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context: dict[str, Any], language: str) -> str:
    """The current page's URL in another language (falls back to that language's home page)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    # The page's address is resolved once per request (the header lists up to nine languages).
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        translated = translate_url(request.get_full_path(), language)
    else:
        with override(language):
            try:
                translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                translated = request.get_full_path()
        if request.META.get("QUERY_STRING"):
            translated += "?" + iri_to_uri(request.META["QUERY_STRING"])
    if translated == request.get_full_path() and not request.path.startswith(f"/{language}/"):
        return f"/{language}/"
    return translated


@register.filter
def role_label(role: Any) -> str:
    from portal.accounts.roles import Role

    return str(Role(role).label) if role else ""


@register.inclusion_tag("components/nav_registered.html", takes_context=True)
def registered_nav(context: dict[str, Any]) -> dict[str, Any]:
    """The main navigation links the domain apps registered for the current role (no query)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return {
        "entries": registry.nav_entries_for(context.get("current_role")),
        "current_view": match.view_name if match else "",
    }


@register.simple_tag(takes_context=True)
def registered_home_sections(context: Context) -> str:
    """Render the home page sections the domain apps registered for the current role, in order."""
    request = context.get("request")
    template = context.template
    if request is None or template is None:
        return ""
    parts = []
    for section in registry.home_sections_for(context.get("current_role")):
        extra = dict(section.context(request)) if section.context else {}
        with context.push(**extra):
            parts.append(template.engine.get_template(section.template).render(context))
    return mark_safe("".join(parts))  # nosec B308 B703 # noqa: S308 - each part is an auto-escaped template rendering


@register.simple_tag
def public_nav_entries() -> list[registry.NavEntry]:
    """The links the domain apps registered for everybody, visitors included (no query)."""
    return registry.nav_entries_for(None)


@register.simple_tag
def front_door_questions() -> list[registry.FrontDoorQuestion]:
    """The newcomers' questions the apps answer, for the home page (no query)."""
    return registry.front_door_questions()
