"""The covenants app's part of the front door (portal.frontdoor.registry): covenants and news in the
site search and the sitemap, and news among a covenant's publications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.frontdoor.registry import (
    Hit,
    Publication,
    PublicationGroup,
    SearchSection,
    register_publications,
    register_search,
    register_sitemap,
)
from portal.frontdoor.search import MAX_PER_KIND, matching
from portal.frontdoor.sitemaps import BilingualSitemap, pages_sitemap

from .models import Covenant, NewsItem


def public_covenants() -> Any:
    return Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION)


def _covenants(query: str) -> SearchSection:
    found = matching(public_covenants(), query, ["name_nl", "description_nl"], ["name_en", "description_en"])
    hits = [
        Hit(c.name, reverse("covenants:detail", kwargs={"slug": c.slug}), c.description)
        for c in found[:MAX_PER_KIND]
    ]
    return SearchSection(_("Covenants"), hits)


def _news(query: str) -> SearchSection:
    found = matching(
        NewsItem.objects.public(),
        query,
        ["title_nl", "summary_nl", "body_nl"],
        ["title_en", "summary_en", "body_en"],
    )
    hits = [
        Hit(n.title, reverse("news:detail", kwargs={"slug": n.slug}), n.summary) for n in found[:MAX_PER_KIND]
    ]
    return SearchSection(_("News"), hits)


class CovenantSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> Any:
        return public_covenants().order_by("pk")

    def location(self, item: Covenant) -> str:
        return reverse("covenants:detail", kwargs={"slug": item.slug})


class NewsSitemap(BilingualSitemap):
    changefreq = "never"

    def items(self) -> Any:
        return NewsItem.objects.public().order_by("pk")

    def location(self, item: NewsItem) -> str:
        return reverse("news:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: NewsItem) -> Any:
        return item.updated_at


def _news_of(covenant: Covenant) -> PublicationGroup:
    items = [Publication(n.title, reverse("news:detail", kwargs={"slug": n.slug}), n.publish_at, "news")
             for n in NewsItem.objects.public().filter(covenant=covenant)[:10]]  # fmt: skip
    return PublicationGroup(_("News"), items, _("There is no news about this covenant yet."),
                            f"{reverse('news:list')}?covenant={covenant.slug}", _("All news about this covenant"))  # fmt: skip


def connect() -> None:
    register_search("covenants", _covenants, order=10)
    register_search("news", _news, order=20)
    register_sitemap("covenant-pages", pages_sitemap(["covenants:list", "news:list"]))
    register_sitemap("covenants", CovenantSitemap)
    register_sitemap("news", NewsSitemap)
    register_publications("news", _news_of, order=40)
