"""The aggregated public list of production locations (the yearly publication)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django_countries import countries

from portal.access import public
from portal.accounts.roles import role_of
from portal.charts import bar_chart

from .. import public_cache, selectors
from ..forms import LocationFilterForm
from ..models import ProcessingType, WorkerBand
from ..relay import REPORTER_ROLES

PAGE_SIZE = 50
BODY = "companies/_location_list_body.html"


def _labels(choices: Sequence[tuple[str, Any]]) -> dict[str, str]:
    """Labels translated once per page (get_..._display() translates every label on each call)."""
    return {value: str(label) for value, label in choices}


@public
def location_list_view(request: HttpRequest) -> HttpResponse:
    """Public: every active disclosed location, the number of member companies from the threshold on,
    the companies that allowed being named; single-buyer locations of some covenants only as a count."""
    from covenants.models import Sector

    # NGOs, unions and the secretariat report a problem straight from a location's row; everyone
    # else sees the same page for the same address, kept whole in the shared cache.
    can_report = role_of(request.user) in REPORTER_ROLES

    def build() -> dict[str, Any]:
        form = LocationFilterForm(request.GET or None)
        flt = form.to_filter() if form.is_bound else selectors.PublicFilter()
        total, number, ids = public_cache.page(flt, request.GET.get("page"), PAGE_SIZE)
        page: Any = Paginator(public_cache.KnownPage(total, ids), PAGE_SIZE).page(number)  # type: ignore[arg-type]
        page.object_list = selectors.public_location_rows(flt, list(page.object_list))
        names = dict(countries)
        sectors, types, bands = (
            _labels(Sector.choices),
            _labels(ProcessingType.choices),
            _labels(WorkerBand.choices),
        )
        for location in page.object_list:
            location.country_name = names.get(location.country.code, location.country.code)
            location.sector_label = sectors.get(location.sector, "")
            location.type_label = types.get(location.processing_type, "")
            location.band_label = bands.get(location.worker_band, "")
        aggregates = [dict(row) for row in public_cache.aggregates(flt)]
        for row in aggregates:
            row["country_name"] = names.get(row["country"], row["country"])
            row["type_label"] = types.get(row["processing_type"], "")
        per_country = [dict(row) for row in public_cache.country_counts(flt)]
        for row in per_country:
            row["country_name"] = names.get(row["country"], row["country"])
        chart = bar_chart([(row["country_name"], row["locations"]) for row in per_country])
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page_obj": page,
            "aggregates": aggregates,
            "per_country": per_country,
            "chart": chart,
            "total_locations": sum(row["locations"] for row in per_country),
            "threshold": selectors.count_threshold(),
            "query_string": query.urlencode(),
            "can_report": can_report,
        }
        return context

    if can_report:
        return render(request, "companies/location_list.html", build())
    body = public_cache.body(request, lambda: render_to_string(BODY, build(), request))
    return render(request, "companies/location_list.html", {"body": body})
