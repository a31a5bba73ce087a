"""Public covenant pages and governance visibility: who sees what."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from covenants import services
from covenants.models import Covenant
from covenants.services.governance import _store_minutes
from portal.accounts.roles import Role

from .factories import (
    CovenantFactory,
    MeetingFactory,
    MembershipFactory,
    PartyFactory,
    SteeringGroupMemberFactory,
    declaration,
)
from .helpers import ROLES, url, user_for

pytestmark = pytest.mark.django_db


# --- public pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_everyone_sees_the_covenant_list_and_detail(client_for, make_user, covenant, role):
    member = MembershipFactory(covenant=covenant, active=True, joined_on=date(2021, 3, 1))
    client = client_for(user_for(make_user, role))

    listing = client.get(url("list"))
    detail = client.get(url("detail", covenant.slug))

    assert listing.status_code == 200 and covenant.name_en in listing.content.decode()
    body = detail.content.decode()
    assert detail.status_code == 200
    assert member.company.name in body and "1 March 2021" in body
    assert "Complaint route" in body and "Child labour" in body


def test_detail_page_shows_the_content_in_the_page_language(client, covenant):
    with translation.override("nl"):
        dutch = reverse("covenants:detail", args=[covenant.slug])
    assert covenant.name_nl in client.get(dutch).content.decode()
    assert covenant.name_en in client.get(url("detail", covenant.slug)).content.decode()


def test_dutch_name_falls_back_to_english_when_empty(client, covenant):
    Covenant.objects.filter(pk=covenant.pk).update(name_nl="")
    with translation.override("nl"):
        page = client.get(reverse("covenants:detail", args=[covenant.slug]))
    assert covenant.name_en in page.content.decode()


def test_members_that_are_not_active_are_not_listed_publicly(client, covenant):
    applied = MembershipFactory(covenant=covenant)
    suspended = MembershipFactory(covenant=covenant, suspended=True)
    ended = MembershipFactory(covenant=covenant, ended=True)
    body = client.get(url("detail", covenant.slug)).content.decode()
    for membership in (applied, suspended, ended):
        assert membership.company.name not in body


@pytest.mark.parametrize("role", [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_covenant_in_negotiation_is_hidden_from_non_parties(client_for, make_user, role):
    hidden = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    client = client_for(user_for(make_user, role))
    assert client.get(url("detail", hidden.slug)).status_code == 404
    assert hidden.name_en not in client.get(url("list")).content.decode()


def test_covenant_in_negotiation_is_shown_to_its_parties_and_the_secretariat(
    client_for, ngo_user, secretariat_user
):
    negotiating = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    PartyFactory(covenant=negotiating, organisation=ngo_user.organisation)
    for user in (ngo_user, secretariat_user):
        body = client_for(user).get(url("detail", negotiating.slug)).content.decode()
        assert f"<h1>{negotiating.name_en}</h1>" in body


def test_missing_covenant_gives_404(client):
    assert client.get(url("detail", "no-such-covenant")).status_code == 404


# --- governance: parties and the secretariat only -------------------------------------------------


@pytest.fixture
def governance(covenant):
    SteeringGroupMemberFactory(covenant=covenant, person_name="Anne Kuipers", is_chair=True)
    meeting = MeetingFactory(covenant=covenant, agenda="Living-wage pilot")
    _store_minutes(
        meeting, SimpleUploadedFile("minutes.txt", b"Minutes of the meeting.\n", content_type="text/plain")
    )
    meeting.save()
    return meeting


def test_governance_is_visible_to_a_party(client_for, ngo_user, covenant, governance):
    PartyFactory(covenant=covenant, organisation=ngo_user.organisation)
    body = client_for(ngo_user).get(url("detail", covenant.slug)).content.decode()
    assert "Anne Kuipers" in body and "Living-wage pilot" in body


def test_governance_is_visible_to_a_member_company(
    client_for, company_user, secretariat_user, covenant, governance
):
    membership = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    services.membership_approve(actor=secretariat_user, membership_id=membership.pk)
    body = client_for(company_user).get(url("detail", covenant.slug)).content.decode()
    assert "Living-wage pilot" in body


@pytest.mark.parametrize("role", [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_governance_is_hidden_from_the_public_and_non_parties(
    client_for, make_user, covenant, governance, role
):
    body = client_for(user_for(make_user, role)).get(url("detail", covenant.slug)).content.decode()
    assert "Anne Kuipers" not in body and "Living-wage pilot" not in body


def test_former_party_no_longer_sees_governance(client_for, ngo_user, covenant, governance):
    PartyFactory(covenant=covenant, organisation=ngo_user.organisation, left_on=date(2023, 1, 1))
    assert "Living-wage pilot" not in client_for(ngo_user).get(url("detail", covenant.slug)).content.decode()


def test_minutes_download_for_a_party_as_an_attachment(client_for, ngo_user, covenant, governance):
    PartyFactory(covenant=covenant, organisation=ngo_user.organisation)
    response = client_for(ngo_user).get(url("meeting-minutes", covenant.slug, governance.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"Minutes of the meeting.\n"


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_minutes_are_404_for_the_wrong_stakeholder(client_for, make_user, covenant, governance, role):
    response = client_for(make_user(role)).get(url("meeting-minutes", covenant.slug, governance.pk))
    assert response.status_code == 404


def test_minutes_need_a_login(client, covenant, governance):
    response = client.get(url("meeting-minutes", covenant.slug, governance.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]
