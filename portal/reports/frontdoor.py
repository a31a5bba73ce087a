"""The annual reports' part of the front door (portal.frontdoor.registry): published reports in the
site search (by their covenant's name or their year), the sitemap and a covenant's publications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from covenants.models import Covenant
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

from .selectors import report_list_for


def _title(report: Any) -> str:
    return _("Annual report %(name)s (%(language)s, PDF)") % {
        "name": f"{report.covenant.name} {report.year}",
        "language": report.get_language_display(),
    }


def _url(report: Any) -> str:
    return reverse("reports:download", kwargs={"pk": report.pk})


def _reports(query: str) -> SearchSection:
    if query.isdigit():
        found = report_list_for(None).filter(year=int(query))
    else:
        covenants = matching(Covenant.objects.all(), query, ["name_nl"], ["name_en"]).values("pk")
        found = report_list_for(None).filter(covenant__in=covenants)
    return SearchSection(_("Annual reports"), [Hit(_title(r), _url(r)) for r in found[:MAX_PER_KIND]])


class ReportSitemap(BilingualSitemap):
    def items(self) -> Any:
        return report_list_for(None).order_by("pk")

    def location(self, item: Any) -> str:
        return _url(item)


def _reports_of(covenant: Any) -> PublicationGroup:
    items = [Publication(_title(r), _url(r), r.published_at, "annual_report")
             for r in report_list_for(None).filter(covenant=covenant)]  # fmt: skip
    return PublicationGroup(_("Annual reports"), items, _("No annual report has been published yet."))


def connect() -> None:
    register_search("reports", _reports, order=40)
    register_sitemap("report-pages", pages_sitemap(["reports:list"]))
    register_sitemap("reports", ReportSitemap)
    register_publications("reports", _reports_of, order=10)
