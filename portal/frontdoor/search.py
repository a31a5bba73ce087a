"""Site search over what is public: each app registers a provider (`registry.register_search`) that
returns its public rows matching the words; `matching` is the shared rule for the text.

On PostgreSQL the database's full-text search, with the Dutch and the English dictionary over the
fields of each language (so "lonen" finds "loon" and "wages" finds "wage", on either language's page);
elsewhere (SQLite, the embedded demo) every word must occur in one of the fields."""

from __future__ import annotations

from dataclasses import replace
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from .registry import SearchSection, search_providers

MAX_PER_KIND = 10
MAX_QUERY = 200


def clean_query(query: str) -> str:
    return " ".join(query.replace("\x00", " ").split())[:MAX_QUERY]


def matching(queryset: QuerySet[Any], query: str, nl: list[str], en: list[str]) -> QuerySet[Any]:
    """The rows of `queryset` whose Dutch fields `nl` or English fields `en` match `query`, best first."""
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
    for word in query.split():
        queryset = queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": word}) for field in nl + en)))
    return queryset.order_by("pk")


def search(query: str) -> list[SearchSection]:
    """Every registered kind's results for the (cleaned) words, in the registered order."""
    query = clean_query(query)
    if not query:
        return []
    return [replace(provider(query), key=key) for key, provider in search_providers()]
