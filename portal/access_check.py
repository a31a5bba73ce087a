"""Walks the site's URL patterns and tells, for every view, who it says may use it.

Deny by default, enforced by the build: a project view must be marked `@public` (or
`PublicViewMixin`), state its roles (`@role_required`, `RoleRequiredMixin`, DRF permission classes)
or be `@signed_in_required`. Views of third-party packages are listed in THIRD_PARTY with the reason
they are acceptable. `tests/portal/test_access_check.py` fails for anything else, and the permission
matrix (`tests/test_permission_matrix.py`) uses `url_patterns()` to find every URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

#: Top-level packages whose views are ours and must state their access.
PROJECT_PACKAGES = ("portal", "covenants", "companies", "duediligence", "complaints")

#: Third-party views the site includes, by module prefix, with the reason each is acceptable.
THIRD_PARTY: dict[str, str] = {
    "allauth": "sign-in, sign-up, password and two-factor pages: public by nature; allauth checks the "
    "signed-in state of the pages that need it (e-mail, two-factor management)",
    "django.views.i18n": "language switch (set_language) and the JavaScript translation catalogue: "
    "public, no data",
    "drf_spectacular": "the OpenAPI schema and its documentation pages, served through portal.api.docs",
}


#: URL namespaces served by a third-party site object, with the reason they are acceptable.
THIRD_PARTY_NAMESPACES: dict[str, str] = {
    "admin": "the Django admin site wraps every view in admin_view, which checks is_staff and sends "
    "everyone else to its login; what staff may change there is limited in each ModelAdmin",
}


@dataclass(frozen=True)
class Route:
    """One URL pattern of the site: its name (namespace:name), route text and view."""

    name: str
    route: str
    callback: Callable[..., Any]
    keys: tuple[str, ...]

    @property
    def module(self) -> str:
        view_class = view_class_of(self.callback)
        return (view_class or self.callback).__module__


def url_patterns(urlconf: str | None = None) -> Iterator[Route]:
    """Every URL pattern of the urlconf, resolved recursively (includes and language prefixes)."""
    yield from _walk(get_resolver(urlconf).url_patterns, "", ())


def _walk(patterns: list[Any], prefix: str, namespaces: tuple[str, ...]) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name or f"<unnamed {entry.lookup_str}>"))
            route = prefix + str(entry.pattern)
            keys = tuple(entry.pattern.regex.groupindex)
            yield Route(name=name, route=route, callback=entry.callback, keys=keys)


def view_class_of(callback: Any) -> type | None:
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def _drf_permissions(callback: Any, view_class: type) -> list[Any] | None:
    """The permission classes a DRF view states itself (None when it relies on the default)."""
    from rest_framework.views import APIView

    if not issubclass(view_class, APIView):
        return None
    initkwargs = getattr(callback, "initkwargs", {}) or {}
    if "permission_classes" in initkwargs:
        return list(initkwargs["permission_classes"])
    for klass in view_class.__mro__:
        if klass is APIView:
            return None
        if "permission_classes" in vars(klass):
            return list(vars(klass)["permission_classes"])
    return None


def access_rule(callback: Any) -> str | None:
    """ "public", "signed-in", "roles: ..." or "api: ..." for a view that states its access; else None."""
    view_class = view_class_of(callback)
    targets = [callback] + ([view_class] if view_class is not None else [])
    if any(getattr(t, "access_public", False) for t in targets):
        return "public"
    if getattr(callback, "access_signed_in", False):
        return "signed-in"
    for target in targets:
        roles = getattr(target, "allowed_roles", None)
        if roles:
            return "roles: " + ", ".join(str(getattr(r, "value", r)) for r in roles)
    if view_class is not None:
        from rest_framework.permissions import AllowAny

        from portal.api.permissions import DenyAll

        permissions = _drf_permissions(callback, view_class)
        if permissions and not all(p is DenyAll for p in permissions):
            if any(isinstance(p, type) and issubclass(p, AllowAny) for p in permissions):
                return None  # open to everyone, but not marked @public: an accident until it says so
            return "api: " + ", ".join(getattr(p, "__name__", str(p)) for p in permissions)
    return None


def third_party_reason(route: Route) -> str | None:
    namespace = route.name.split(":", 1)[0] if ":" in route.name else ""
    if namespace in THIRD_PARTY_NAMESPACES:
        return THIRD_PARTY_NAMESPACES[namespace]
    module = route.module
    for prefix, reason in THIRD_PARTY.items():
        if module == prefix or module.startswith(prefix + "."):
            return reason
    return None


def unmarked_views(urlconf: str | None = None) -> list[str]:
    """A readable line for every URL whose view states no access and is not an allowed third party."""
    problems = []
    for route in url_patterns(urlconf):
        module = route.module
        if module.split(".")[0] in PROJECT_PACKAGES and not route.name.startswith("admin:"):
            if access_rule(route.callback) is None:
                problems.append(
                    f"{route.name} ({route.route}, {module}): mark it @public, or state its roles "
                    "(role_required, RoleRequiredMixin, DRF permission_classes)"
                )
        elif third_party_reason(route) is None:
            problems.append(
                f"{route.name} ({route.route}, {module}): a third-party view; add its module to "
                "portal.access_check.THIRD_PARTY with the reason it is acceptable"
            )
    return problems


def error_handlers(urlconf: str | None = None) -> dict[int, Callable[..., Any]]:
    resolver = get_resolver(urlconf)
    return {code: resolver.resolve_error_handler(code) for code in (400, 403, 404, 500)}
