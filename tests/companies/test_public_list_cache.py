"""The public location list's counts and page ids come from the shared cache, and every write to a
location, a link or a covenant (saves, deletes, bulk inserts with COPY) retires them at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_countries import countries

from companies.models import ProductionLocation, SupplyLink
from portal.accounts.roles import Role
from portal.core.bulk_insert import insert_rows
from tests.covenants.factories import CovenantFactory
from tests.factories import OrganisationFactory

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PORTAL_PAGE_CACHE = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "list"}
    }
    from django.core.cache import cache

    cache.clear()


def _queries(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_second_visit_reads_the_counts_from_the_cache_and_a_new_link_shows_at_once(client):
    covenant = CovenantFactory(slug="garments")
    brand = OrganisationFactory(kind=Role.COMPANY, name="Brand Alpha B.V.")
    SupplyLinkFactory(
        company=brand, location=LocationFactory(name="Padma Knit", country="BD"), covenant=covenant
    )

    cold, html = _queries(client, "/en/locations/")
    warm, again = _queries(client, "/en/locations/")
    assert "Padma Knit" in html and "Padma Knit" in again
    assert warm <= cold - 3  # the count, the page's ids and the two aggregates are not asked again

    # A bulk insert (as a confirmed upload writes it) sends no save signal: the list still sees it.
    [location_id] = insert_rows(
        ProductionLocation, ["name", "address", "city", "country", "name_key", "address_key", "city_key"],
        [("Ege Tekstil", "Organize Sanayi 4", "Izmir", "TR", "ege tekstil", "organize sanayi 4", "izmir")],
    )  # fmt: skip
    insert_rows(
        SupplyLink, ["company_id", "location_id", "covenant_id"], [(brand.pk, location_id, covenant.pk)]
    )
    _count, html = _queries(client, "/en/locations/")
    assert "Ege Tekstil" in html
    with translation.override("en"):
        turkey = str(dict(countries)["TR"])
    assert html.count(turkey) >= 2  # in its row and in the per-country counts, recomputed too

    # A saved change (the covenant's list is withdrawn) retires the cached page as well.
    SupplyLink.objects.get(location_id=location_id).delete()
    _count, html = _queries(client, "/en/locations/")
    assert "Ege Tekstil" not in html


def test_the_api_list_uses_the_same_cache_and_answers_404_for_a_page_that_does_not_exist(client):
    covenant = CovenantFactory(slug="garments")
    brand = OrganisationFactory(kind=Role.COMPANY)
    for n in range(3):
        SupplyLinkFactory(company=brand, location=LocationFactory(name=f"Mill {n}"), covenant=covenant)
    first = client.get("/api/v1/locations/?page_size=2").json()
    assert first["count"] == 3 and len(first["results"]) == 2
    cold, _ = _queries(client, "/api/v1/locations/?page_size=2&page=2")
    warm, body = _queries(client, "/api/v1/locations/?page_size=2&page=2")
    assert warm < cold and '"count":3' in body.replace(" ", "")
    assert client.get("/api/v1/locations/?page=9").status_code == 404
    assert client.get("/api/v1/locations/?page=abc").status_code == 404
