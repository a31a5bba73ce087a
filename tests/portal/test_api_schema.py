"""The API schema documents the statuses the framework answers with on its own (portal/api/schema.py).

Before, a malformed body to POST /api/v1/memberships/apply/ got a 415 that the schema did not list,
and schemathesis failed the build whenever it happened to generate one.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from tests.covenants.factories import CovenantFactory
from tests.factories import user_with_role

APPLY = "/api/v1/memberships/apply/"


@pytest.fixture(scope="module")
def schema() -> dict:
    # Descriptions are translatable: read them in English.
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def documented(schema: dict, path: str, method: str) -> set[int]:
    return {int(status) for status in schema["paths"][path][method]["responses"]}


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_every_operation_documents_the_framework_answers(schema):
    seen = 0
    for path, method, operation in operations(schema):
        statuses = {int(s) for s in operation["responses"]}
        assert {406, 429} <= statuses, (method, path)
        if "requestBody" in operation:
            assert {400, 403, 415} <= statuses, (method, path)
        else:
            assert 415 not in statuses, (method, path)
        if "{" in path:
            assert 404 in statuses, (method, path)
        seen += 1
    assert seen >= 7


def test_error_bodies_have_a_schema(schema):
    errors = schema["components"]["schemas"]["Error"]
    assert errors["required"] == ["detail"]
    response = schema["paths"][APPLY]["post"]["responses"]["415"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "media type" in str(response["description"])


def test_public_read_does_not_claim_a_body_error(schema):
    # GET /covenants/{slug}/ takes no body and no query: no 400 and no 415.
    statuses = documented(schema, "/api/v1/covenants/{slug}/", "get")
    assert 400 not in statuses and 415 not in statuses
    assert 403 in statuses  # a failed session or token authentication answers 403


@pytest.fixture
def company_token(db) -> str:
    CovenantFactory(slug="garments")
    _token, key = api_token_create(user=user_with_role(Role.COMPANY), name="schema test")
    return key


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/plain", "covenant=garments", 415),
        ("application/xml", "<covenant>garments</covenant>", 415),
        ("multipart/form-data; boundary=zz", "--zz\r\nbroken", 400),
        ("application/json", "{not json", 400),
    ],
)
def test_a_malformed_body_gets_a_documented_status(
    client, schema, company_token, content_type, body, expected
):
    response = client.post(
        APPLY, data=body, content_type=content_type, HTTP_AUTHORIZATION=f"Token {company_token}"
    )
    assert response.status_code == expected
    assert expected in documented(schema, APPLY, "post")
    body = response.json()
    assert isinstance(body, dict) and body
    if expected == 415:
        assert "detail" in body


def test_an_unservable_accept_header_gets_a_documented_406(client, schema, db):
    response = client.get("/api/v1/covenants/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert 406 in documented(schema, "/api/v1/covenants/", "get")


def test_an_unknown_token_gets_a_documented_status(client, schema, db):
    response = client.get("/api/v1/memberships/", HTTP_AUTHORIZATION="Token nonsense")
    assert response.status_code in documented(schema, "/api/v1/memberships/", "get")
    assert response.status_code in {401, 403}


def test_a_page_past_the_end_gets_a_documented_404(client, schema, db):
    response = client.get("/api/v1/covenants/", {"page": 999})
    assert response.status_code == 404
    assert 404 in documented(schema, "/api/v1/covenants/", "get")
