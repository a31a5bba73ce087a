"""robots.txt and sitemap.xml (the top layer: they list what the domain apps publish)."""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

from portal.access import public

from . import registry
from .sitemaps import PLATFORM_PAGES

#: Pages for signed-in users, forms and downloads: nothing for a search engine.
DISALLOWED = ("/api/", "/nl/account/", "/en/account/", "/nl/dashboard/", "/en/dashboard/", "/nl/dashboards/",
              "/en/dashboards/", "/nl/jobs/", "/en/jobs/", "/nl/complaints/cases/", "/en/complaints/cases/")  # fmt: skip


@public
@cache_control(max_age=3600, public=True)
def robots_view(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]  # fmt: skip
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@public
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps={"pages": PLATFORM_PAGES, **registry.sitemaps()})


@public
def search_view(request: HttpRequest) -> HttpResponse:
    from django.shortcuts import render

    from .search import search

    query = request.GET.get("q", "").strip()
    sections = search(query)
    return render(
        request,
        "frontdoor/search.html",
        {"query": query, "searched": bool(sections), "sections": [s for s in sections if s.total],
         "total": sum(s.total for s in sections)},
    )  # fmt: skip
