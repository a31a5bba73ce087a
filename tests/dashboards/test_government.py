"""The government's dashboard: the secretariat's aggregates where no company can be identified."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from portal.accounts.roles import Role
from portal.dashboards.government import government_dashboard
from tests.companies.factories import LocationFactory, SupplyLinkFactory
from tests.covenants.factories import MembershipFactory
from tests.factories import user_with_role

from .test_secretariat import YEAR, _world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def test_small_counts_are_suppressed_and_cannot_be_subtracted(settings):
    settings.PORTAL_DISCLOSURE_THRESHOLD = 3
    cast = _world()
    d = government_dashboard(cast.covenant, YEAR)
    assert d.members == 3
    assert d.assessments is not None and d.assessments.cells["not_started"] == 3  # 3 companies: shown
    assert d.countries == []  # one company sources in BD and IN: below the threshold, left out
    # Two running cases, one in each stage: both suppressed; the total (2) gives neither away.
    assert d.complaints.cells["received"] is None and d.complaints.cells["admissibility"] is None
    for _ in range(3):
        SupplyLinkFactory(covenant=cast.covenant, company=MembershipFactory(covenant=cast.covenant, active=True).company,
                          location=LocationFactory(country="BD"))  # fmt: skip
    d = government_dashboard(cast.covenant, YEAR)
    assert [(code, companies) for code, _locations, companies in d.countries] == [("BD", 4)]


def test_the_page_is_for_government_and_shows_not_shown():
    cast = _world()
    client = Client()
    client.force_login(user_with_role(Role.GOVERNMENT))
    html = client.get(f"/en/dashboards/government/{cast.covenant.slug}/").content.decode()
    assert "not shown" in html and cast.company.name not in html and cast.complaint.reference not in html
    other = Client()
    other.force_login(user_with_role(Role.NGO))
    assert other.get(f"/en/dashboards/government/{cast.covenant.slug}/").status_code == 404


def test_the_page_and_its_api_cost_a_fixed_number_of_queries(settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PORTAL_DASHBOARD_CACHE = False  # the figures computed each time, at both sizes
    cast = _world()
    client = Client()
    client.force_login(user_with_role(Role.GOVERNMENT))
    urls = [
        f"/en/dashboards/government/{cast.covenant.slug}/",
        f"/api/v1/dashboards/government/{cast.covenant.slug}/",
    ]
    small = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        small.append(len(queries))
    for _ in range(4):
        company = MembershipFactory(covenant=cast.covenant, active=True).company
        SupplyLinkFactory(covenant=cast.covenant, company=company, location=LocationFactory(country="TR"))
    large = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        large.append(len(queries))
    assert small == large and max(large) <= 14
