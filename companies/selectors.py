"""Reads with rules: the aggregated public location list, its country overview and the match queue.

The public list never shows which company sources where, except for links the company allowed to be
shown. The number of member companies at a location is given only from the threshold on
(PORTAL_LOCATION_COUNT_THRESHOLD); the template says "fewer than N" below it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from covenants.models import Covenant

from . import matching
from .models import LocationMatch, LocationStatus, ProductionLocation, SupplyLink

#: Links of these covenants are published; a covenant still in negotiation publishes nothing.
PUBLISHED_COVENANT_STATUSES = (Covenant.Status.ACTIVE, Covenant.Status.ENDED)


def count_threshold() -> int:
    return max(1, int(getattr(settings, "PORTAL_LOCATION_COUNT_THRESHOLD", 2)))


@dataclass(frozen=True)
class PublicFilter:
    """The filters of the public list; empty values filter nothing."""

    covenant: Covenant | None = None
    country: str = ""
    sector: str = ""
    processing_type: str = ""
    search: str = ""


def published_covenants() -> QuerySet[Covenant]:
    return Covenant.objects.filter(status__in=PUBLISHED_COVENANT_STATUSES).order_by("name_en", "pk")


def _links_in_scope(flt: PublicFilter) -> Q:
    """The links that count, as a condition on `links__...` of a location."""
    condition = Q(links__covenant__status__in=PUBLISHED_COVENANT_STATUSES)
    if flt.covenant is not None:
        condition &= Q(links__covenant=flt.covenant)
    return condition


def _single_buyer_in_aggregating_covenant(flt: PublicFilter) -> Q:
    """A location with exactly one company in a covenant that lists such locations only as an aggregate.

    One grouped subquery over the links of such covenants only (PostgreSQL runs it once, hashed), not a
    subquery per location."""
    links = SupplyLink.objects.filter(
        covenant__aggregate_single_buyer_locations=True,
        covenant__status__in=PUBLISHED_COVENANT_STATUSES,
    )
    if flt.covenant is not None:
        links = links.filter(covenant=flt.covenant)
    single = (
        links.values("location_id", "covenant_id")
        .annotate(buyers=Count("company_id", distinct=True))
        .filter(buyers=1)
        .values("location_id")
    )
    return Q(pk__in=single)


def _disclosed(flt: PublicFilter) -> QuerySet[ProductionLocation]:
    """Active locations with at least one published link in scope, filtered; not yet split."""
    linked = SupplyLink.objects.filter(
        location=OuterRef("pk"), covenant__status__in=PUBLISHED_COVENANT_STATUSES
    )
    if flt.covenant is not None:
        linked = linked.filter(covenant=flt.covenant)
    qs = ProductionLocation.objects.filter(Exists(linked), status=LocationStatus.ACTIVE)
    if flt.country:
        qs = qs.filter(country=flt.country)
    if flt.sector:
        qs = qs.filter(sector=flt.sector)
    if flt.processing_type:
        qs = qs.filter(processing_type=flt.processing_type)
    if flt.search:
        key = matching.normalise_name(flt.search)
        if key:
            qs = qs.filter(name_key__contains=key)
    return qs


def public_location_list(flt: PublicFilter) -> QuerySet[ProductionLocation]:
    """The locations listed by name, in list order, without their counts: what the paginator pages
    through (cheap at any size: no aggregate over every location). `public_location_rows` then
    fetches one page's rows with their counts."""
    return _disclosed(flt).filter(~_single_buyer_in_aggregating_covenant(flt)).order_by("name_key", "pk")


def public_location_rows(flt: PublicFilter, pks: list[int]) -> list[ProductionLocation]:
    """One page of the list: the locations `pks` in that order, with `company_count` and `public_links`
    (the links whose company allowed being named). Two queries for any page size."""
    scope = _links_in_scope(flt)
    public_links = SupplyLink.objects.filter(
        show_publicly=True, covenant__status__in=PUBLISHED_COVENANT_STATUSES
    ).select_related("company")
    if flt.covenant is not None:
        public_links = public_links.filter(covenant=flt.covenant)
    rows = (
        ProductionLocation.objects.filter(pk__in=pks)
        .annotate(company_count=Count("links__company", filter=scope, distinct=True))
        .prefetch_related(
            Prefetch("links", queryset=public_links.order_by("company__name"), to_attr="public_links")
        )
    )
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _without_search(flt: PublicFilter) -> PublicFilter:
    """The filter without the name search. The counts ignore the search: otherwise searching for the name
    of a location that is listed only as a count would show whether it is there, and so its buyer."""
    return replace(flt, search="")


def public_location_aggregates(flt: PublicFilter) -> list[dict[str, Any]]:
    """Single-buyer locations of covenants that ask for it: a count per country, city and processing type."""
    flt = _without_search(flt)
    return list(
        _disclosed(flt)
        .filter(_single_buyer_in_aggregating_covenant(flt))
        .values("country", "city", "processing_type")
        .annotate(locations=Count("pk"))
        .order_by("country", "city", "processing_type")
    )


def public_country_counts(flt: PublicFilter) -> list[dict[str, Any]]:
    """Disclosed locations per country (named and aggregated alike), most first; not narrowed by the search."""
    flt = _without_search(flt)
    return list(
        _disclosed(flt).values("country").annotate(locations=Count("pk")).order_by("-locations", "country")
    )


def location_match_queue_for(user: Any) -> QuerySet[LocationMatch]:
    """Potential matches waiting for the secretariat, best score first, with both locations."""
    from portal.accounts.roles import Role, role_of

    if role_of(user) != Role.SECRETARIAT:
        return LocationMatch.objects.none()
    return (
        LocationMatch.objects.filter(status=LocationMatch.Status.PENDING, candidate__isnull=False)
        .select_related("candidate", "existing")
        .annotate(
            candidate_links=Count("candidate__links", distinct=True),
            existing_links=Count("existing__links", distinct=True),
        )
        .order_by("-score", "pk")
    )


def supply_link_list_for(user: Any) -> QuerySet[SupplyLink]:
    """A company's own supply links with their location and covenant; nobody else's, ever."""
    from portal.accounts.roles import Role, role_of

    if role_of(user) != Role.COMPANY:
        return SupplyLink.objects.none()
    return (
        SupplyLink.objects.filter(company_id=user.organisation_id)
        .select_related("location", "covenant")
        .order_by("location__name_key", "covenant__slug", "pk")
    )


def linkable_locations_for(user: Any) -> QuerySet[ProductionLocation]:
    """Locations a company may link to by public ID: those on the public list and its own ones. Another
    company's private location is as unknown as a made-up ID."""
    own = SupplyLink.objects.filter(location=OuterRef("pk"), company_id=user.organisation_id)
    listed = public_location_list(PublicFilter()).values("pk")
    return ProductionLocation.objects.filter(Q(Exists(own)) | Q(pk__in=listed))
