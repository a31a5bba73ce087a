from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from portal.access import public


@public
def home_view(request: HttpRequest) -> HttpResponse:
    """The public home page: what the portal is and who it is for."""
    return render(request, "core/home.html")


@public
def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@public
def privacy_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@public
def error_403_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@public
def error_404_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@public
def error_500_view(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors: no database access, so it works when the database is down.
    return HttpResponse(render_to_string("500.html"), status=500)
