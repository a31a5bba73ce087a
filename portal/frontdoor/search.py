"""Site search over what is public: covenants, news, published rulings, published annual reports, and
the aggregated location list (as a count, with a link to the list filtered by the words).

On PostgreSQL the database's full-text search, with the Dutch and the English dictionary over the
fields of each language (so "lonen" finds "loon" and "wages" finds "wage", on either language's page);
elsewhere (SQLite, the embedded demo) every word must occur in one of the fields. Only rows that the
public pages show are searched: the same selectors and rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse

from companies.selectors import PublicFilter, public_location_list
from complaints.selectors import publication_list
from covenants.models import Covenant, NewsItem
from portal.reports.selectors import report_list_for

MAX_PER_KIND = 10
MAX_QUERY = 200


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    text: str


@dataclass(frozen=True)
class Results:
    query: str
    covenants: list[Hit]
    news: list[Hit]
    rulings: list[Hit]
    reports: list[Hit]
    locations: int
    locations_url: str

    @property
    def total(self) -> int:
        return len(self.covenants) + len(self.news) + len(self.rulings) + len(self.reports) + self.locations


def _matching(queryset: QuerySet[Any], query: str, nl: list[str], en: list[str]) -> QuerySet[Any]:
    if connection.vendor == "postgresql":
        vector = SearchVector(*nl, config="dutch") + SearchVector(*en, config="english")
        wanted = SearchQuery(query, config="dutch", search_type="websearch") | SearchQuery(
            query, config="english", search_type="websearch"
        )
        return (
            queryset.annotate(search_rank=SearchRank(vector, wanted))
            .filter(search_rank__gt=0)
            .order_by("-search_rank", "pk")
        )
    words = query.split()
    for word in words:
        queryset = queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": word}) for field in nl + en)))
    return queryset.order_by("pk")


def search(query: str) -> Results:
    query = " ".join(query.replace("\x00", " ").split())[:MAX_QUERY]
    covenants = _matching(Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION), query,
                          ["name_nl", "description_nl"], ["name_en", "description_en"])  # fmt: skip
    news = _matching(NewsItem.objects.public(), query, ["title_nl", "summary_nl", "body_nl"],
                     ["title_en", "summary_en", "body_en"])  # fmt: skip
    rulings = _matching(publication_list(), query, ["summary_nl", "complaint__reference"], ["summary_en"])
    matching_covenants = _matching(Covenant.objects.all(), query, ["name_nl"], ["name_en"]).values("pk")
    reports = report_list_for(None).filter(covenant__in=matching_covenants)
    if query.isdigit():
        reports = report_list_for(None).filter(year=int(query))
    locations = public_location_list(PublicFilter(search=query)).count() if query else 0
    return Results(
        query=query,
        covenants=[
            Hit(c.name, reverse("covenants:detail", kwargs={"slug": c.slug}), c.description)
            for c in covenants[:MAX_PER_KIND]
        ],
        news=[
            Hit(n.title, reverse("news:detail", kwargs={"slug": n.slug}), n.summary)
            for n in news[:MAX_PER_KIND]
        ],
        rulings=[
            Hit(
                p.complaint.reference,
                reverse("complaints:ruling", kwargs={"reference": p.complaint.reference}),
                _summary(p),
            )
            for p in rulings[:MAX_PER_KIND]
        ],
        reports=[
            Hit(
                f"{r.covenant.name} {r.year}",
                reverse("reports:download", kwargs={"pk": r.pk}),
                r.get_language_display(),
            )
            for r in reports[:MAX_PER_KIND]
        ],
        locations=locations,
        locations_url=f"{reverse('companies:locations')}?{urlencode({'q': query})}",
    )


def _summary(publication: Any) -> str:
    from covenants.models import bilingual

    return bilingual(publication.summary_nl, publication.summary_en)
