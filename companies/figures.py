"""Aggregates of a covenant's supply chains for the dashboards and the annual report, one query each."""

from __future__ import annotations

from django.db.models import Count

from .models import LocationSignal, SupplyLink


def location_figures(covenant_id: int, top: int = 10) -> dict[str, object]:
    """The covenant's disclosed production locations: how many, and the countries with the most."""
    links = SupplyLink.objects.filter(covenant_id=covenant_id)
    per_country = list(
        links.values("location__country")
        .annotate(locations=Count("location_id", distinct=True))
        .order_by("-locations", "location__country")
    )
    return {
        "locations": sum(row["locations"] for row in per_country),
        "countries": len(per_country),
        "top_countries": [(row["location__country"], row["locations"]) for row in per_country[:top]],
    }


def signals_awaiting_relay(covenant_id: int) -> int:
    """Reported signals at locations the covenant's members source from, not yet relayed."""
    locations = SupplyLink.objects.filter(covenant_id=covenant_id).values("location_id")
    return LocationSignal.objects.filter(
        status=LocationSignal.Status.REPORTED, location_id__in=locations
    ).count()


def country_figures(covenant_id: int) -> list[tuple[str, int, int]]:
    """(country, locations, member companies sourcing there) for the covenant, most locations first."""
    rows = (
        SupplyLink.objects.filter(covenant_id=covenant_id)
        .values("location__country")
        .annotate(locations=Count("location_id", distinct=True), companies=Count("company_id", distinct=True))
        .order_by("-locations", "location__country")
    )
    return [(row["location__country"], row["locations"], row["companies"]) for row in rows]
