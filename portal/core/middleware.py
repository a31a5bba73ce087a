"""Request-body caps and cache headers, for every response.

Body caps: Django reads a request body only when a view (or the CSRF check) first asks for it, so a
middleware that looks at Content-Length before that can refuse an oversized body without reading it.
Two caps apply: PORTAL_MAX_REQUEST_BYTES for every request, and the much smaller
PORTAL_MAX_FORM_BYTES for every view that does not take file uploads. An upload view says so with
`@accepts_uploads(max_bytes=...)`; the per-field limits stay in its form or service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


def accepts_uploads(max_bytes: int | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """Mark a view that takes files: its requests may be up to `max_bytes` (default: the global cap)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        view.max_request_bytes = max_bytes or 0  # type: ignore[attr-defined]
        return view

    return decorator


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads an unparsable length as an empty body, too


def _view_limit(view_func: Any) -> int:
    marked = getattr(view_func, "max_request_bytes", None)
    if marked is None:
        # Class-based views (DRF included) carry the mark on their class.
        marked = getattr(
            getattr(view_func, "cls", None) or getattr(view_func, "view_class", None),
            "max_request_bytes",
            None,
        )
    if marked is None:
        return int(settings.PORTAL_MAX_FORM_BYTES)
    return min(int(marked) or int(settings.PORTAL_MAX_REQUEST_BYTES), int(settings.PORTAL_MAX_REQUEST_BYTES))


def request_too_large(request: HttpRequest, limit: int) -> HttpResponse:
    megabytes = max(limit // (1024 * 1024), 1)
    if request.path.startswith("/api/"):
        message = _("The request is too large. The limit is %(size)s MB.") % {"size": megabytes}
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"limit_mb": megabytes}, status=413)


class RequestSizeLimitMiddleware:
    """Refuse bodies over the cap with 413 before anything reads them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        limit = int(settings.PORTAL_MAX_REQUEST_BYTES)
        if _content_length(request) > limit:
            return request_too_large(request, limit)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        limit = _view_limit(view_func)
        if _content_length(request) > limit:
            return request_too_large(request, limit)
        return None


class PrivateCacheMiddleware:
    """A signed-in user's pages may hold personal data: no cache (shared or the browser's) keeps them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "public" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
