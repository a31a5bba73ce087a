"""The public location list's expensive parts, cached for every visitor alike: the number of
locations and the ids of each page, the table of counts by country, city and processing step, and
the counts per country (each a GROUP BY or COUNT over every disclosed location, some 0.1 s at
100,000 locations, for a list that changes when a company uploads or edits its chain); and for the
visitors who cannot report a signal from it (the public, companies, government), who all see the
same page at the same address, the page's whole content.

Under the platform's versioned keys (`portal.core.versioned_cache`): every save, delete or bulk insert
of a location, a supply link or a covenant retires them all. Only what every visitor sees the same
is kept; for the reporters (NGOs, unions, the secretariat) the rows of a page are read fresh."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from portal.core.versioned_cache import VersionedCache

from . import selectors


def _templates_digest() -> str:
    """The page body's template, read once per process: a deploy that changes it starts afresh."""
    from django.template.loader import get_template

    source = get_template("companies/_location_list_body.html").template.source  # type: ignore[attr-defined]
    return hashlib.blake2b(source.encode(), digest_size=4).hexdigest()


LIST = VersionedCache(
    "companies:public-list",
    timeout=6 * 3600,
    setting="PORTAL_PAGE_CACHE",
    digest=functools.cache(_templates_digest),
)


def filter_key(flt: selectors.PublicFilter) -> str:
    """A short digest of the filter (a cache key holds no spaces or quotes)."""
    covenant = flt.covenant.pk if flt.covenant is not None else ""
    values = repr((covenant, flt.country, flt.sector, flt.processing_type, flt.search))
    return hashlib.blake2b(values.encode(), digest_size=8).hexdigest()


class KnownPage:
    """What a Paginator needs of a list whose length and one page are known (from the cache)."""

    def __init__(self, total: int, ids: list[int]) -> None:
        self.total, self.ids = total, ids

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[int]:
        return self.ids


def page(flt: selectors.PublicFilter, requested: Any, size: int) -> tuple[int, int, list[int]]:
    """(number of locations, the page's number, its location ids) for the requested page."""
    from django.core.paginator import Paginator

    def compute() -> tuple[int, int, list[int]]:
        ids = selectors.public_location_list(flt).values_list("pk", flat=True)
        found = Paginator(ids, size).get_page(requested)
        return found.paginator.count, found.number, list(found.object_list)

    page_key = hashlib.blake2b(str(requested or "").encode(), digest_size=6).hexdigest()
    return LIST.cached(("page", filter_key(flt), size, page_key), compute)


def aggregates(flt: selectors.PublicFilter) -> list[dict[str, Any]]:
    return LIST.cached(
        ("aggregates", filter_key(flt)), lambda: list(selectors.public_location_aggregates(flt))
    )


def country_counts(flt: selectors.PublicFilter) -> list[dict[str, Any]]:
    return LIST.cached(("countries", filter_key(flt)), lambda: list(selectors.public_country_counts(flt)))


def body(request: Any, render: Callable[[], str]) -> SafeString:
    """The page's content for a visitor who cannot report signals (the same for all of them at one
    address): rendered once per version, language and query string."""
    query = hashlib.blake2b(request.GET.urlencode().encode(), digest_size=8).hexdigest()
    html = LIST.cached(("body", query), render)
    return mark_safe(html)  # nosec B308 B703 # noqa: S308 - escaped by the template that rendered it


def bump() -> None:
    """For writes that bypass the model signals (`QuerySet.update()` on links)."""
    LIST.bump()


def connect() -> None:
    from covenants.models import Covenant
    from portal.accounts.models import Organisation

    from .models import ProductionLocation, SupplyLink

    # Organisations: the rows name the companies that allowed it.
    LIST.watch(ProductionLocation, SupplyLink, Covenant, Organisation)
