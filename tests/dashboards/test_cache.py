"""The dashboards' cache: figures are kept per dashboard and covenant, so no page shows another
role's or another covenant's figures from it, and every write behind them retires them at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from companies.models import SupplyLink
from portal.accounts.roles import Role
from portal.core.bulk_insert import insert_rows
from portal.dashboards import cache
from tests.companies.factories import LocationFactory
from tests.complaints.helpers import Cast, file_complaint
from tests.factories import user_with_role

from .test_secretariat import YEAR, _world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached(settings):
    settings.PORTAL_DASHBOARD_CACHE = True
    settings.PORTAL_DISCLOSURE_THRESHOLD = 3
    translation.activate("en")


def _received(d) -> int:
    return {code: count for code, _label, count in d.complaints["by_status"]}["received"]


def test_the_government_never_reads_the_secretariats_figures():
    cast = _world()
    secretariat = cache.secretariat_figures(cast.covenant, YEAR)
    assert _received(secretariat) == 1  # one case received: the secretariat sees it
    government = cache.government_figures(cast.covenant, YEAR)
    assert government.complaints.cells["received"] is None  # ... government does not, from the cache too
    secretariat_page = Client()
    secretariat_page.force_login(cast.secretariat)
    secretariat_html = secretariat_page.get(
        f"/en/dashboards/covenants/{cast.covenant.slug}/"
    ).content.decode()
    assert "not shown" not in secretariat_html  # its page body is cached now ...
    page = Client()
    page.force_login(user_with_role(Role.GOVERNMENT))
    html = page.get(f"/en/dashboards/government/{cast.covenant.slug}/").content.decode()
    assert "not shown" in html  # ... and the government's page is another body
    # The other way round: the secretariat's page, after the government's, still has its own figures.
    assert _received(cache.secretariat_figures(cast.covenant, YEAR)) == 1


def test_each_covenant_has_its_own_figures():
    first = _world()
    second = Cast()
    a = cache.secretariat_figures(first.covenant, YEAR)
    b = cache.secretariat_figures(second.covenant, YEAR)
    assert a.covenant == first.covenant and b.covenant == second.covenant
    assert a.complaints["running"] == 2 and b.complaints["running"] == 1
    assert a.locations["locations"] == 3 and b.locations["locations"] == 0


def test_a_write_retires_the_figures_at_once_and_a_hit_reads_no_figures():
    cast = _world()
    client = Client()
    client.force_login(cast.secretariat)
    url = f"/en/dashboards/covenants/{cast.covenant.slug}/"
    with CaptureQueriesContext(connection) as miss:
        client.get(url)
    with CaptureQueriesContext(connection) as hit:
        client.get(url)
    assert len(hit) < len(miss)  # the figures came from the cache
    assert cache.secretariat_figures(cast.covenant, YEAR).complaints["running"] == 2
    file_complaint(cast.covenant, company=cast.company)
    assert cache.secretariat_figures(cast.covenant, YEAR).complaints["running"] == 3
    # Rows written by COPY (the location import) retire them too.
    location = LocationFactory(country="VN")
    cache.secretariat_figures(cast.covenant, YEAR)
    insert_rows(
        SupplyLink,
        ["company_id", "location_id", "covenant_id"],
        [(cast.company.pk, location.pk, cast.covenant.pk)],
    )
    assert cache.secretariat_figures(cast.covenant, YEAR).locations["locations"] == 4


def test_without_a_shared_cache_nothing_is_kept(settings):
    settings.PORTAL_DASHBOARD_CACHE = None
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not cache.FIGURES.enabled()
