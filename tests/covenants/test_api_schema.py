"""Schemathesis on the covenants API: generated requests (valid and invalid) for every operation, as
the public, a company and the secretariat. No server error, only documented status codes and content
types, and every response matches its schema.

The normal run generates the same requests every time (derandomized: a fixed seed), so a result
never depends on luck; `make test-fuzz` runs the `fuzz` variant with many more random examples.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from portal.wsgi import application
from tests.factories import user_with_role

from .factories import CovenantFactory, MembershipFactory


def routed_content_type_conformance(ctx, response, case):
    """content_type_conformance, except for a path no URL pattern matches (e.g. a non-numeric id in
    /memberships/{id}/): Django's router answers those with the site's HTML 404 before any API view."""
    path = urlsplit(response.request.url).path
    try:
        resolve(path)
    except Resolver404:
        return None
    return content_type_conformance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    routed_content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(
    path_regex=r"^/api/v1/(covenants|memberships)/"
)


@pytest.fixture
def tokens(db) -> dict[str, str]:
    covenant = CovenantFactory(slug="garments")
    company = user_with_role(Role.COMPANY)
    MembershipFactory(covenant=covenant, company=company.organisation)
    MembershipFactory(covenant=covenant, active=True)
    return {
        role: api_token_create(user=user, name="schema test")[1]
        for role, user in [("company", company), ("secretariat", user_with_role(Role.SECRETARIAT))]
    }


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    # Calls go straight to the WSGI app: keep Django from closing the test transaction's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call_as_everyone(case, tokens: dict[str, str]) -> None:
    case.call_and_validate(checks=CHECKS)
    for token in tokens.values():
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_covenants_api_conforms_to_its_schema(case, tokens):
    call_as_everyone(case, tokens)


@pytest.mark.fuzz
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_covenants_api_conforms_to_its_schema_fuzzed(case, tokens):
    call_as_everyone(case, tokens)
