"""The location pages and lists answer in the same number of SQL queries with 1,000 and with 100,000
locations in the database (written with COPY, as an upload writes them)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.bulk import NEW_FIELDS
from companies.models import LocationMatch, ProductionLocation, SupplyLink, new_public_id
from companies.models.location import location_keys
from portal.accounts.roles import Role
from portal.core.bulk_insert import insert_rows, refresh_statistics
from tests.covenants.factories import CovenantFactory
from tests.factories import user_with_role

CITIES = ["Gazipur", "Dhaka", "Tiruppur", "Izmir"]
COUNTRIES = {"Gazipur": "BD", "Dhaka": "BD", "Tiruppur": "IN", "Izmir": "TR"}


def _grow(state: dict[str, Any], total: int) -> None:
    """Locations up to `total`: brand A sources at each, brand B at every other; the company under test
    at the first 30 (tiers 1 to 3); every 250th location waits in the match queue."""
    start = state["count"]
    values = []
    for n in range(start, total):
        city = CITIES[n % len(CITIES)]
        name, address = f"Mill {n} Textiles", f"Road {n % 97}"
        fields = {
            "name": name,
            "address": address,
            "city": city,
            "postal_code": "",
            "country": COUNTRIES[city],
        }
        fields.update(
            latitude=None, longitude=None, sector="", processing_type="other", worker_band="unknown"
        )
        fields.update(parent_company="", os_hub_id="")
        row = [fields[f] for f in NEW_FIELDS[:-3]]
        values.append((*row, *location_keys(name, address, city), new_public_id()))
    ids = insert_rows(ProductionLocation, (*NEW_FIELDS, "public_id"), values)
    links, covenant = [], state["covenant"].pk
    for n, pk in enumerate(ids, start=start):
        links.append((state["brand_a"], covenant, pk, 1, ["apparel"], None, None, True))
        if n % 2:
            links.append((state["brand_b"], covenant, pk, 1, [], None, None, False))
        if n < 30:
            links.append(
                (state["company"].organisation_id, covenant, pk, 1 + n % 3, ["apparel"], None, None, False)
            )
    fields = (
        "company_id",
        "covenant_id",
        "location_id",
        "tier",
        "product_categories",
        "first_year",
        "last_year",
    )
    insert_rows(SupplyLink, (*fields, "show_publicly"), links)
    pairs = [(ids[i], ids[i - 1]) for i in range(1, len(ids)) if (start + i) % 250 == 0]
    insert_rows(
        LocationMatch,
        ("candidate_id", "existing_id", "submitted_name", "submitted_address", "score", "rule"),
        [(new, old, "Mill", "Road", 80, "country+city: name 85, address 70") for new, old in pairs],
    )
    state["count"] = total
    refresh_statistics(ProductionLocation, SupplyLink, LocationMatch)


def _counts(clients: dict[str, Any]) -> dict[str, int]:
    pages = [
        ("public list, page 2", "public", reverse("companies:locations") + "?page=2"),
        ("public list by country", "public", reverse("companies:locations") + "?country=IN"),
        ("public list, name search", "public", reverse("companies:locations") + "?q=Mill+12"),
        ("public locations API", "public", "/api/v1/locations/?page_size=50"),
        ("the company's supply links API", "company", "/api/v1/supply-links/"),
        ("the company's supply chain", "company", reverse("companies:supply-chain")),
        ("the match queue", "secretariat", reverse("companies:matches")),
        ("the match queue API", "secretariat", "/api/v1/location-matches/"),
    ]
    counts = {}
    for label, who, url in pages:
        clients[who].get(url)  # per-process caches filled: the second request is the one that counts
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(url)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(captured)
    return counts


@pytest.mark.django_db
def test_location_pages_answer_in_the_same_number_of_queries_at_1000_and_100000_locations(client, client_for):
    company = user_with_role(Role.COMPANY)
    state: dict[str, Any] = {
        "count": 0,
        "covenant": CovenantFactory(slug="garments"),
        "brand_a": user_with_role(Role.COMPANY).organisation_id,
        "brand_b": user_with_role(Role.COMPANY).organisation_id,
        "company": company,
    }
    clients = {
        "public": client,
        "company": client_for(company),
        "secretariat": client_for(user_with_role(Role.SECRETARIAT)),
    }
    _grow(state, 1_000)
    small = _counts(clients)
    _grow(state, 100_000)
    assert ProductionLocation.objects.count() == 100_000
    large = _counts(clients)
    assert large == small
    assert max(large.values()) <= 12, large
