"""The languages of the site: the portal in Dutch and English, and the pages that people who complain
see also in the languages of the supply chains (`PORTAL_COMPLAINANT_LANGUAGES`).

A view marks itself with `offered_in_complainant_languages`; any other page asked for in one of the
extra languages is redirected to its English address, so staff pages stay Dutch and English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language

V = TypeVar("V", bound=Callable[..., Any])

#: Right-to-left languages among those offered.
RTL = frozenset({"ur", "ar", "fa", "he"})


def offered_in_complainant_languages(view: V) -> V:
    view.complainant_languages = True  # type: ignore[attr-defined]
    return view


def main_languages() -> list[str]:
    return list(getattr(settings, "PORTAL_MAIN_LANGUAGES", ("nl", "en")))


def complainant_languages() -> list[tuple[str, str]]:
    """(code, name in that language) of every language a complainant can choose."""
    names = dict(getattr(settings, "PORTAL_LANGUAGE_NAMES", {}))
    return [(code, names.get(code, code)) for code, _name in settings.LANGUAGES]


class MainLanguageMiddleware:
    """Redirects a page in an extra language to English unless the page offers that language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        language = get_language() or ""
        if language in main_languages() or getattr(view_func, "complainant_languages", False):
            return None
        prefix = f"/{language}/"
        if not request.path.startswith(prefix):
            return None
        target = "/en/" + request.path[len(prefix) :]
        if request.META.get("QUERY_STRING"):
            target += "?" + iri_to_uri(request.META["QUERY_STRING"])
        return HttpResponseRedirect(target)
