"""Property-based API testing: schemathesis generates requests from /api/schema/ and calls every
operation anonymously and with an API token of every role, looking for server errors and for answers
that do not match the schema.

One example of every operation goes out as every identity; the fixed-seed run's further examples go
out as two identities each, chosen by the example's content (so a failure replays as it failed).

Domain apps' endpoints join automatically: they are in the same schema.

The normal run is derandomized (a fixed seed: the same requests every run); the `fuzz` variant, run by
`make test-fuzz`, draws many more random examples.
"""

from __future__ import annotations

import os
import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, note, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.specs.openapi.checks import response_schema_conformance

from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from portal.wsgi import application
from tests.factories import user_with_role

# Loading the schema needs no database: it is generated from the code.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


#: The identities every operation is called as: anonymous, then each role with its own token.
IDENTITIES: list[Role | None] = [None, *Role]
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def tokens(db) -> dict[Role | None, str | None]:
    keys: dict[Role | None, str | None] = {None: None}
    for role in Role:
        keys[role] = api_token_create(user=user_with_role(role), name=f"schema test {role}")[1]
    return keys


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    # Calls go straight to the WSGI app, not through the test client, so keep Django from closing
    # the test transaction's connection at the end of each request (as the test client does).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def two_identities(case) -> list[Role | None]:
    """Two different identities for an example, chosen by its content: the same example always goes
    out as the same two, so a failing example replays exactly as it failed."""
    body = None if isinstance(case.body, NotSet) else case.body  # NotSet's repr holds an address
    seed = zlib.crc32(repr((case.method, case.path, case.path_parameters, case.query, body)).encode())
    first = seed % len(IDENTITIES)
    second = (first + 1 + (seed // len(IDENTITIES)) % (len(IDENTITIES) - 1)) % len(IDENTITIES)
    return [IDENTITIES[first], IDENTITIES[second]]


def call_as(case, tokens: dict[Role | None, str | None], identities: list[Role | None]) -> None:
    for identity in identities:
        key = tokens[identity]
        headers = {"Authorization": f"Token {key}"} if key else None
        note(f"called as: {identity or 'anonymous'}")  # shown with a failing example
        case.call_and_validate(headers=headers, checks=CHECKS)


def test_each_example_goes_out_as_two_different_identities_that_vary_between_examples():
    class Example:
        method, path, path_parameters, body = "GET", "/api/v1/x/", {}, NotSet()

        def __init__(self, page: int) -> None:
            self.query = {"page": page}

    chosen = [two_identities(Example(page)) for page in range(200)]
    assert all(first != second for first, second in chosen)
    assert {identity for pair in chosen for identity in pair} == set(IDENTITIES)
    assert two_identities(Example(7)) == two_identities(Example(7))


@schema.parametrize()
@settings(max_examples=1, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_every_identity_without_error_and_as_documented(case, tokens):
    call_as(case, tokens, IDENTITIES)


@schema.parametrize()
@settings(max_examples=15, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_with_a_server_error(case, tokens):
    call_as(case, tokens, two_identities(case))


@pytest.mark.fuzz
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_with_a_server_error_fuzzed(case, tokens):
    call_as(case, tokens, two_identities(case))
