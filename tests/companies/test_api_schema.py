"""Schemathesis on the companies API (public locations, the match queue): generated requests, valid and
invalid, as the public, a company and the secretariat; the company's own supply links, uploads and signals too. No server error, only documented status codes and
content types, and every response matches its schema. Derandomized like the covenants API's run."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from companies.models import LocationMatch
from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from portal.wsgi import application
from tests.covenants.factories import CovenantFactory
from tests.covenants.test_api_schema import call_as_everyone
from tests.factories import user_with_role

from .factories import LocationFactory, SupplyLinkFactory
from .signal_helpers import reported

schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(
    path_regex=r"^/api/v1/(locations|location-matches|supply-links|location-uploads|location-signals|signal-relays)/"
)

OPERATIONS = {
    ("/api/v1/supply-links/create/", "post"): "supply_links_create",
    ("/api/v1/locations/", "get"): "locations_list",
    ("/api/v1/locations/{public_id}/", "get"): "locations_retrieve",
    ("/api/v1/location-matches/", "get"): "location_matches_list",
    ("/api/v1/location-matches/{id}/decide/", "post"): "location_matches_decide",
    ("/api/v1/supply-links/", "get"): "supply_links_list",
    ("/api/v1/location-signals/", "post"): "location_signals_report",
    ("/api/v1/location-signals/mine/", "get"): "location_signals_mine",
    ("/api/v1/location-signals/{id}/relay/", "post"): "location_signals_relay",
    ("/api/v1/location-signals/{id}/close/", "post"): "location_signals_close",
    ("/api/v1/signal-relays/", "get"): "signal_relays_list",
    ("/api/v1/signal-relays/{id}/respond/", "post"): "signal_relays_respond",
    ("/api/v1/location-uploads/", "post"): "location_uploads_create",
    ("/api/v1/location-uploads/{id}/", "get"): "location_uploads_retrieve",
    ("/api/v1/location-uploads/{id}/rows/", "get"): "location_uploads_rows",
    ("/api/v1/location-uploads/{id}/confirm/", "post"): "location_uploads_confirm",
    ("/api/v1/location-uploads/{id}/cancel/", "post"): "location_uploads_cancel",
    ("/api/v1/supply-links/{id}/", "get"): "supply_links_retrieve",
    ("/api/v1/supply-links/{id}/", "patch"): "supply_links_update",
    ("/api/v1/supply-links/{id}/", "delete"): "supply_links_delete",
}


@pytest.fixture
def tokens(db) -> dict[str, str]:
    covenant = CovenantFactory(slug="garments")
    shared = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(location=shared, covenant=covenant, show_publicly=True)
    SupplyLinkFactory(location=shared, covenant=covenant)
    candidate = LocationFactory(name="Shared Mill Unit 2")
    LocationMatch.objects.create(
        candidate=candidate, existing=shared, submitted_name=candidate.name, score=85, rule="name 85"
    )
    company = user_with_role(Role.COMPANY)
    ngo = user_with_role(Role.NGO)
    reported(ngo, shared)
    SupplyLinkFactory(company=company.organisation, location=shared, covenant=covenant)
    return {
        role: api_token_create(user=user, name="schema test")[1]
        for role, user in [
            ("company", company),
            ("secretariat", user_with_role(Role.SECRETARIAT)),
            ("ngo", ngo),
        ]
    }


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_endpoints_are_in_the_schema_with_their_statuses(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for (path, method), operation_id in OPERATIONS.items():
        operation = paths[path][method]
        assert operation["operationId"] == operation_id
        assert "404" in operation["responses"]
        assert "200" in operation["responses"] or method in {"post", "delete"}
    assert "400" in paths["/api/v1/locations/"]["get"]["responses"]
    assert "403" in paths["/api/v1/location-matches/"]["get"]["responses"]
    assert {"201", "400"} <= set(paths["/api/v1/supply-links/create/"]["post"]["responses"])


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_companies_api_conforms_to_its_schema(case, tokens):
    call_as_everyone(case, tokens)
