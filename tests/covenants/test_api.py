"""The covenants API, per endpoint and role: public reads, a company's own applications, the
secretariat's decision. The wrong stakeholder gets nothing: 404 for a signed-in user of the wrong
role or for someone else's object, 403 for an anonymous caller."""

from __future__ import annotations

from datetime import date

import pytest

from covenants import services
from covenants.models import Covenant, Membership
from portal.accounts.roles import Role

from .factories import CovenantFactory, MembershipFactory, PartyFactory, declaration

pytestmark = pytest.mark.django_db

API = "/api/v1"


def apply_payload(target, **overrides):
    data = {"covenant": target.slug, **declaration()}
    data.update(overrides)
    return data


# --- public reads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.SECRETARIAT])
def test_covenant_list_and_detail_are_public(client_for, make_user, covenant, role):
    MembershipFactory(covenant=covenant, active=True)
    client = client_for(make_user(role) if role else None)

    listing = client.get(f"{API}/covenants/")
    detail = client.get(f"{API}/covenants/{covenant.slug}/", HTTP_ACCEPT_LANGUAGE="en")

    assert listing.status_code == 200
    row = next(c for c in listing.json()["results"] if c["slug"] == covenant.slug)
    assert row["member_count"] == 1
    assert {t["code"] for t in row["themes"]} == {"child-labour", "living-wage"}
    body = detail.json()
    assert detail.status_code == 200
    assert body["name_en"] == covenant.name_en and body["name_nl"] == covenant.name_nl
    assert body["complaint_time_frames"][0]["stage"] == "intake"
    assert body["complaint_time_frames"][0]["indicative_days"] == 7


def test_detail_lists_current_parties(client, covenant):
    party = PartyFactory(covenant=covenant)
    PartyFactory(covenant=covenant, left_on=date(2022, 1, 1), organisation__name="Former party")
    names = [p["organisation"] for p in client.get(f"{API}/covenants/{covenant.slug}/").json()["parties"]]
    assert names == [party.organisation.name]


def test_covenant_in_negotiation_is_not_public(client):
    hidden = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    assert hidden.slug not in {c["slug"] for c in client.get(f"{API}/covenants/").json()["results"]}
    assert client.get(f"{API}/covenants/{hidden.slug}/").status_code == 404
    assert client.get(f"{API}/covenants/{hidden.slug}/members/").status_code == 404


def test_public_member_list_shows_only_active_members_and_no_private_data(client, covenant):
    active = MembershipFactory(covenant=covenant, active=True, joined_on=date(2022, 5, 1))
    MembershipFactory(covenant=covenant)
    MembershipFactory(covenant=covenant, suspended=True)
    MembershipFactory(covenant=covenant, ended=True)

    response = client.get(f"{API}/covenants/{covenant.slug}/members/")

    assert response.status_code == 200
    assert response.json()["results"] == [{"company": active.company.name, "joined_on": "2022-05-01"}]


def test_member_list_of_a_missing_covenant_is_404(client):
    assert client.get(f"{API}/covenants/nope/members/").status_code == 404


@pytest.mark.parametrize("size", [10, 200])
def test_public_member_list_has_a_fixed_query_budget(client, covenant, django_assert_max_num_queries, size):
    for _ in range(size):
        MembershipFactory(covenant=covenant, active=True)
    with django_assert_max_num_queries(3):
        body = client.get(f"{API}/covenants/{covenant.slug}/members/?page_size=200").json()
    assert body["count"] == size


@pytest.mark.parametrize("size", [10, 200])
def test_covenant_list_api_has_a_fixed_query_budget(client, django_assert_max_num_queries, size):
    for covenant in CovenantFactory.create_batch(3):
        for _ in range(size // 10):
            MembershipFactory(covenant=covenant, active=True)
    with django_assert_max_num_queries(3):
        body = client.get(f"{API}/covenants/").json()
    assert body["count"] == 3
    assert [c["member_count"] for c in body["results"]] == [size // 10] * 3


# --- applications ----------------------------------------------------------------------------------


def test_company_applies_through_the_api(client_for, company_user, covenant):
    response = client_for(company_user).post(
        f"{API}/memberships/apply/", apply_payload(covenant), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "applied" and body["covenant"] == covenant.slug
    assert body["company"] == company_user.organisation.name
    assert body["sourcing_countries"] == ["BD", "CN", "IN"]
    assert [c.code for c in Membership.objects.get(pk=body["id"]).sourcing_countries] == ["BD", "CN", "IN"]


def test_api_application_errors_name_the_field(client_for, company_user, covenant):
    client = client_for(company_user)
    refused = client.post(
        f"{API}/memberships/apply/",
        apply_payload(covenant, declaration_accepted=False),
        content_type="application/json",
    )
    assert refused.status_code == 400 and "declaration_accepted" in refused.json()

    client.post(f"{API}/memberships/apply/", apply_payload(covenant), content_type="application/json")
    twice = client.post(f"{API}/memberships/apply/", apply_payload(covenant), content_type="application/json")
    assert twice.status_code == 400 and "covenant" in twice.json()

    unknown = client.post(
        f"{API}/memberships/apply/",
        apply_payload(covenant, covenant="no-such-covenant"),
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "covenant" in unknown.json()


def test_api_refuses_an_application_to_an_ended_covenant(client_for, company_user):
    ended = CovenantFactory(status=Covenant.Status.ENDED)
    response = client_for(company_user).post(
        f"{API}/memberships/apply/",
        apply_payload(ended),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["covenant"] == ["This covenant has ended and accepts no new members."]


@pytest.mark.parametrize("role", [None, Role.NGO, Role.GOVERNMENT, Role.SECRETARIAT])
def test_only_companies_may_apply_through_the_api(client_for, make_user, covenant, role):
    client = client_for(make_user(role) if role else None)
    response = client.post(
        f"{API}/memberships/apply/", apply_payload(covenant), content_type="application/json"
    )
    assert response.status_code == (403 if role is None else 404)
    assert not Membership.objects.exists()


def test_company_reads_only_its_own_applications(client_for, company_user, other_company_user, covenant):
    own = MembershipFactory(covenant=covenant, company=company_user.organisation)
    other = MembershipFactory(covenant=covenant, company=other_company_user.organisation)
    client = client_for(company_user)

    ids = [m["id"] for m in client.get(f"{API}/memberships/").json()["results"]]

    assert ids == [own.pk]
    assert client.get(f"{API}/memberships/{own.pk}/").json()["id"] == own.pk
    assert client.get(f"{API}/memberships/{other.pk}/").status_code == 404


@pytest.mark.parametrize("role", [None, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION, Role.COMMITTEE])
def test_other_stakeholders_get_no_applications(client_for, make_user, covenant, role):
    membership = MembershipFactory(covenant=covenant)
    client = client_for(make_user(role) if role else None)
    expected = 403 if role is None else 404
    assert client.get(f"{API}/memberships/").status_code == expected
    assert client.get(f"{API}/memberships/{membership.pk}/").status_code == expected


def test_secretariat_lists_waiting_applications(client_for, secretariat_user, covenant):
    waiting = MembershipFactory(covenant=covenant)
    MembershipFactory(covenant=covenant, active=True)
    body = client_for(secretariat_user).get(f"{API}/memberships/?status=applied").json()
    assert [m["id"] for m in body["results"]] == [waiting.pk]


@pytest.mark.parametrize("size", [10, 200])
def test_membership_list_api_has_a_fixed_query_budget(
    client_for, secretariat_user, covenant, django_assert_max_num_queries, size
):
    MembershipFactory.create_batch(size, covenant=covenant)
    client = client_for(secretariat_user)
    with django_assert_max_num_queries(6):
        body = client.get(f"{API}/memberships/").json()
    assert body["count"] == size and len(body["results"]) == min(size, 25)


# --- decisions -------------------------------------------------------------------------------------


def test_secretariat_approves_through_the_api(client_for, secretariat_user, company_user, covenant):
    membership = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    response = client_for(secretariat_user).post(
        f"{API}/memberships/{membership.pk}/decide/",
        {"decision": "approve", "note": "Welcome.", "joined_on": "2025-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "active" and response.json()["joined_on"] == "2025-02-01"
    members = client_for(None).get(f"{API}/covenants/{covenant.slug}/members/").json()["results"]
    assert members == [{"company": company_user.organisation.name, "joined_on": "2025-02-01"}]


def test_rejection_through_the_api_needs_reasons(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant)
    client = client_for(secretariat_user)
    refused = client.post(
        f"{API}/memberships/{membership.pk}/decide/", {"decision": "reject"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "note" in refused.json()
    ok = client.post(
        f"{API}/memberships/{membership.pk}/decide/",
        {"decision": "reject", "note": "Not in this sector."},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "rejected"
    again = client.post(
        f"{API}/memberships/{membership.pk}/decide/", {"decision": "approve"}, content_type="application/json"
    )
    assert again.status_code == 400


def test_company_cannot_decide_its_own_application_through_the_api(client_for, company_user, covenant):
    membership = MembershipFactory(covenant=covenant, company=company_user.organisation)
    response = client_for(company_user).post(
        f"{API}/memberships/{membership.pk}/decide/", {"decision": "approve"}, content_type="application/json"
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPLIED


@pytest.mark.parametrize("role", [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_only_the_secretariat_decides(client_for, make_user, covenant, role):
    membership = MembershipFactory(covenant=covenant)
    client = client_for(make_user(role) if role else None)
    response = client.post(
        f"{API}/memberships/{membership.pk}/decide/", {"decision": "approve"}, content_type="application/json"
    )
    assert response.status_code == (403 if role is None else 404)


def test_deciding_a_missing_application_is_404(client_for, secretariat_user):
    response = client_for(secretariat_user).post(
        f"{API}/memberships/999999/decide/", {"decision": "approve"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_new_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/covenants/",
        "/api/v1/covenants/{slug}/",
        "/api/v1/covenants/{slug}/members/",
        "/api/v1/memberships/",
        "/api/v1/memberships/apply/",
        "/api/v1/memberships/{id}/",
        "/api/v1/memberships/{id}/decide/",
    ]:
        assert path in paths, path
    assert "post" in paths["/api/v1/memberships/{id}/decide/"]
