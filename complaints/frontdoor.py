"""The complaint mechanism's part of the front door (portal.frontdoor.registry): published rulings in
the site search, the sitemap and a covenant's publications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from covenants.models import bilingual
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

from .selectors import publication_list


def _url(publication: Any) -> str:
    return reverse("complaints:ruling", kwargs={"reference": publication.complaint.reference})


def _rulings(query: str) -> SearchSection:
    found = matching(publication_list(), query, ["summary_nl", "complaint__reference"], ["summary_en"])
    hits = [
        Hit(p.complaint.reference, _url(p), bilingual(p.summary_nl, p.summary_en))
        for p in found[:MAX_PER_KIND]
    ]
    return SearchSection(_("Published rulings"), hits)


class RulingSitemap(BilingualSitemap):
    def items(self) -> Any:
        return publication_list().order_by("pk")

    def location(self, item: Any) -> str:
        return _url(item)


def _rulings_of(covenant: Any) -> PublicationGroup:
    items = [Publication(p.complaint.reference, _url(p), p.published_at, "ruling")
             for p in publication_list().filter(complaint__covenant=covenant)[:50]]  # fmt: skip
    return PublicationGroup(_("Published rulings"), items, _("No ruling has been published yet."))


def connect() -> None:
    register_search("rulings", _rulings, order=30)
    register_sitemap("complaint-pages", pages_sitemap(["complaints:rulings"]))
    register_sitemap("rulings", RulingSitemap)
    register_publications("rulings", _rulings_of, order=20)
