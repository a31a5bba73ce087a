"""Membership and cycle pages: applying, deciding, suspending, ending, opening and closing."""

from __future__ import annotations

import re

import pytest

from covenants import services
from covenants.models import AnnualCycle, Covenant, Membership
from portal.accounts.roles import Role

from .factories import (
    AnnualCycleFactory,
    CovenantFactory,
    MembershipFactory,
    declaration,
)
from .helpers import url

pytestmark = pytest.mark.django_db


# --- memberships -----------------------------------------------------------------------------------


def test_company_applies_through_the_form(client_for, company_user, covenant):
    data = {"covenant": covenant.pk, **declaration()}
    response = client_for(company_user).post(url("apply"), data)
    membership = Membership.objects.get(company=company_user.organisation)
    assert response.status_code == 302 and response["Location"].endswith(f"/memberships/{membership.pk}/")
    assert membership.status == Membership.Status.APPLIED


def test_apply_form_keeps_what_was_typed_when_the_declaration_is_not_ticked(
    client_for, company_user, covenant
):
    data = {"covenant": covenant.pk, **declaration(contact_name="Typed Name", declaration_accepted="")}
    response = client_for(company_user).post(url("apply"), data)
    assert response.status_code == 200
    assert "declaration_accepted" in response.context["form"].errors
    body = response.content.decode()
    assert 'value="Typed Name"' in body and "Tick the box to accept" in body
    assert not Membership.objects.exists()


def test_apply_to_an_ended_covenant_shows_the_reason_at_the_field(client_for, company_user, covenant):
    Covenant.objects.filter(pk=covenant.pk).update(status=Covenant.Status.ENDED)
    response = client_for(company_user).post(
        url("apply"), {"covenant": covenant.pk, **declaration(contact_name="Kept")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["covenant"] == [
        "This covenant has ended and accepts no new members."
    ]
    assert 'value="Kept"' in response.content.decode()


def test_second_application_is_refused_with_a_message_at_the_field(client_for, company_user, covenant):
    MembershipFactory(covenant=covenant, company=company_user.organisation, active=True)
    response = client_for(company_user).post(url("apply"), {"covenant": covenant.pk, **declaration()})
    assert response.status_code == 200 and "covenant" in response.context["form"].errors


def test_apply_page_offers_only_covenants_the_company_can_join(client_for, company_user, covenant):
    ended = CovenantFactory(status=Covenant.Status.ENDED, name_en="Ended covenant")
    joined = CovenantFactory(name_en="Joined covenant")
    MembershipFactory(covenant=joined, company=company_user.organisation, active=True)
    body = client_for(company_user).get(url("apply")).content.decode()
    assert covenant.name_en in body
    assert ended.name_en not in body and joined.name_en not in body


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.SECRETARIAT, Role.TRADE_UNION])
def test_apply_page_is_404_for_non_companies(client_for, make_user, role):
    assert client_for(make_user(role)).get(url("apply")).status_code == 404


def test_company_sees_only_its_own_memberships(client_for, company_user, other_company_user, covenant):
    own = MembershipFactory(covenant=covenant, company=company_user.organisation)
    other = MembershipFactory(covenant=covenant, company=other_company_user.organisation)
    client = client_for(company_user)
    body = client.get(url("memberships")).content.decode()
    assert url("membership-detail", own.pk) in body and url("membership-detail", other.pk) not in body
    assert (
        f"{own.company.name} in {own.covenant.name_en}"
        in client.get(url("membership-detail", own.pk)).content.decode()
    )
    assert client.get(url("membership-detail", other.pk)).status_code == 404


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION])
def test_membership_pages_are_404_for_other_stakeholders(client_for, make_user, covenant, role):
    membership = MembershipFactory(covenant=covenant)
    client = client_for(make_user(role))
    assert client.get(url("memberships")).status_code == 404
    assert client.get(url("membership-detail", membership.pk)).status_code == 404


def test_company_cannot_decide_even_by_posting(client_for, company_user, covenant):
    membership = MembershipFactory(covenant=covenant, company=company_user.organisation)
    response = client_for(company_user).post(
        url("membership-decide", membership.pk), {"decide-decision": "approve"}
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPLIED


def test_secretariat_approves_in_the_page_and_the_company_is_listed(
    client_for, secretariat_user, company_user, covenant
):
    membership = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    secretariat = client_for(secretariat_user)
    assert company_user.organisation.name in secretariat.get(url("applications")).content.decode()
    response = secretariat.post(
        url("membership-decide", membership.pk),
        {"decide-decision": "approve", "decide-joined_on": "2025-02-01"},
    )
    assert response.status_code == 302
    body = client_for(None).get(url("detail", covenant.slug)).content.decode()
    assert company_user.organisation.name in body and "1 February 2025" in body


def test_rejection_without_reasons_keeps_the_form(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant)
    response = client_for(secretariat_user).post(
        url("membership-decide", membership.pk), {"decide-decision": "reject"}
    )
    assert response.status_code == 200
    assert "note" in response.context["decision_form"].errors
    # The choice made is kept: "reject" is checked again, "approve" is not.
    body = response.content.decode()
    radios = dict(re.findall(r'<input type="radio" name="decide-decision" value="(\w+)"([^>]*)>', body))
    assert set(radios) == {"approve", "reject"}
    assert "checked" in radios["reject"] and "checked" not in radios["approve"]


def test_secretariat_suspends_reinstates_and_ends_in_the_page(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant, active=True)
    client = client_for(secretariat_user)
    detail = client.get(url("membership-detail", membership.pk))
    assert (
        "suspend_form" in detail.context
        and "end_form" in detail.context
        and "decision_form" not in detail.context
    )

    client.post(
        url("membership-suspend", membership.pk),
        {"suspend-note": "No plan.", "suspend-effective_on": "2025-06-01", "confirmed": "yes"},
    )
    client.post(
        url("membership-reinstate", membership.pk),
        {"reinstate-note": "", "reinstate-effective_on": "2025-07-01"},
    )
    bad = client.post(
        url("membership-end", membership.pk),
        {"end-reason": "left", "end-ended_on": "2020-01-01", "end-note": "Typed note"},
    )
    assert bad.status_code == 200 and "ended_on" in bad.context["end_form"].errors
    assert "Typed note" in bad.content.decode()
    client.post(
        url("membership-end", membership.pk),
        {"end-reason": "left", "end-ended_on": "2025-12-31", "end-note": "", "confirmed": "yes"},
    )

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED
    assert list(membership.events.values_list("to_status", flat=True)) == ["suspended", "active", "ended"]


# --- cycles ----------------------------------------------------------------------------------------


def test_cycle_form_refuses_a_deadline_outside_the_cycle_at_the_field(client_for, secretariat_user, covenant):
    data = {
        "covenant": covenant.pk,
        "year": 2026,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "self_assessment_due": "2026-03-31",
        "locations_due": "2026-05-31",
        "review_due": "2026-06-30",
        "list_publication_due": "2026-07-04",
        "annual_report_due": "2027-02-01",
    }
    response = client_for(secretariat_user).post(url("cycle-create"), data)
    assert response.status_code == 200
    assert "annual_report_due" in response.context["form"].errors
    assert 'value="2027-02-01"' in response.content.decode()
    data["annual_report_due"] = "2026-12-15"
    assert client_for(secretariat_user).post(url("cycle-create"), data).status_code == 302


def test_cycle_close_page_explains_pending_reviews(client_for, secretariat_user, covenant):
    from covenants.hooks import register_pending_reviews, unregister_pending_reviews

    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)

    def provider(c):
        return 4

    register_pending_reviews(provider)
    try:
        client = client_for(secretariat_user)
        assert "4 reviews are still pending" in client.get(url("cycle-detail", cycle.pk)).content.decode()
        response = client.post(url("cycle-close", cycle.pk), {})
        assert response.status_code == 200 and "4 review(s) are still pending" in response.content.decode()
        response = client.post(
            url("cycle-close", cycle.pk), {"force": "on", "reason": "Members left.", "confirmed": "yes"}
        )
        assert response.status_code == 302
    finally:
        unregister_pending_reviews(provider)
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.CLOSED and cycle.close_forced


def test_secretariat_opens_a_cycle(client_for, secretariat_user, covenant):
    cycle = AnnualCycleFactory(covenant=covenant)
    assert client_for(secretariat_user).post(url("cycle-open", cycle.pk)).status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.OPEN
