from __future__ import annotations

import pytest

from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_me_requires_authentication(client):
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_me_with_token_authentication(client, ngo_user):
    _token, key = api_token_create(user=ngo_user, name="test")
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == ngo_user.email
    assert body["role"] == "ngo"
    assert body["organisation"]["name"] == ngo_user.organisation.name


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_non_secretariat_does_not_see_pending_organisations(client_for, make_user, role):
    pending = OrganisationFactory(status=Organisation.Status.PENDING, name="Hidden Applicant")
    client = client_for(make_user(role))
    names = [o["name"] for o in client.get("/api/v1/organisations/?page_size=200").json()["results"]]
    assert "Hidden Applicant" not in names
    assert client.get(f"/api/v1/organisations/{pending.pk}/").status_code == 404


def test_secretariat_sees_pending_organisations(client_for, secretariat_user):
    pending = OrganisationFactory(status=Organisation.Status.PENDING, name="Visible Applicant")
    client = client_for(secretariat_user)
    names = [o["name"] for o in client.get("/api/v1/organisations/?page_size=200").json()["results"]]
    assert "Visible Applicant" in names
    assert client.get(f"/api/v1/organisations/{pending.pk}/").json()["name"] == "Visible Applicant"


def test_pending_user_gets_nothing_from_the_api(client_for):
    user = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    assert client_for(user).get("/api/v1/organisations/").status_code == 403


def test_organisation_list_is_paginated_with_a_fixed_query_budget(
    client_for, secretariat_user, django_assert_max_num_queries
):
    client = client_for(secretariat_user)
    for size in (5, 120):
        OrganisationFactory.create_batch(size)
        with django_assert_max_num_queries(6):
            body = client.get("/api/v1/organisations/").json()
        assert len(body["results"]) <= 25
        assert body["count"] >= size


def test_schema_and_docs_are_served_without_external_assets(client):
    schema = client.get("/api/schema/").content.decode()
    assert schema.startswith("openapi: 3") and "/api/v1/me/" in schema
    docs = client.get("/api/docs/").content.decode()
    assert "swagger" in docs.lower()
    assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()
