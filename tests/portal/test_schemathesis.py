"""Property-based API testing: schemathesis generates requests from /api/schema/ and calls every
operation, anonymously and as a signed-in user, looking for server errors.

Domain apps' endpoints join automatically: they are in the same schema.

The normal run is derandomized (a fixed seed: the same requests every run); the `fuzz` variant, run by
`make test-fuzz`, draws many more random examples.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from portal.wsgi import application
from tests.factories import user_with_role

# Loading the schema needs no database: it is generated from the code.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def token(db) -> str:
    return api_token_create(user=user_with_role(Role.SECRETARIAT), name="schema test")[1]


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    # Calls go straight to the WSGI app, not through the test client, so keep Django from closing
    # the test transaction's connection at the end of each request (as the test client does).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call_signed_in_and_anonymously(case, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@settings(max_examples=15, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_with_a_server_error(case, token):
    call_signed_in_and_anonymously(case, token)


@pytest.mark.fuzz
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_with_a_server_error_fuzzed(case, token):
    call_signed_in_and_anonymously(case, token)
