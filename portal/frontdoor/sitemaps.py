"""sitemap.xml: the public pages in both languages (each with its alternate), and nothing else. The
same rules as the pages: covenants past negotiation, public news, published rulings and reports."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from complaints.selectors import publication_list
from covenants.models import Covenant, NewsItem
from portal.reports.selectors import report_list_for


class _Bilingual(Sitemap):
    i18n = True
    languages = ["nl", "en"]
    alternates = True
    x_default = True


class StaticSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["core:home", "covenants:list", "news:list", "reports:list", "complaints:rulings", "companies:locations",
                "core:accessibility", "core:privacy"]  # fmt: skip

    def location(self, item: str) -> str:
        return reverse(item)


class CovenantSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self) -> QuerySet[Covenant]:
        return Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION).order_by("pk")

    def location(self, item: Covenant) -> str:
        return reverse("covenants:detail", kwargs={"slug": item.slug})


class NewsSitemap(_Bilingual):
    changefreq = "never"

    def items(self) -> QuerySet[NewsItem]:
        return NewsItem.objects.public().order_by("pk")

    def location(self, item: NewsItem) -> str:
        return reverse("news:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: NewsItem) -> Any:
        return item.updated_at


class RulingSitemap(_Bilingual):
    def items(self) -> Any:
        return publication_list().order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("complaints:ruling", kwargs={"reference": item.complaint.reference})


class ReportSitemap(_Bilingual):
    def items(self) -> Any:
        return report_list_for(None).order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("reports:download", kwargs={"pk": item.pk})


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": StaticSitemap,
    "covenants": CovenantSitemap,
    "news": NewsSitemap,
    "rulings": RulingSitemap,
    "reports": ReportSitemap,
}
