"""sitemap.xml: what the apps register (`registry.register_sitemap`), each page in both languages with
its alternate, plus the platform's own pages."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class BilingualSitemap(Sitemap):
    i18n = True
    languages = ["nl", "en"]
    alternates = True
    x_default = True


def pages_sitemap(url_names: list[str]) -> type[BilingualSitemap]:
    """A sitemap of pages without parameters, by URL name."""

    class Pages(BilingualSitemap):
        changefreq = "weekly"

        def items(self) -> list[str]:
            return list(url_names)

        def location(self, item: Any) -> str:
            return reverse(str(item))

    return Pages


PLATFORM_PAGES = pages_sitemap(["core:home", "core:accessibility", "core:privacy", "search"])
