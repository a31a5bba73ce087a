"""Dangerous actions ask for confirmation on a separate page: the first POST changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from covenants.models import AnnualCycle, Membership, Party, SteeringGroupMember
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory, UserFactory

from .factories import AnnualCycleFactory, MembershipFactory, PartyFactory, SteeringGroupMemberFactory
from .helpers import url

pytestmark = pytest.mark.django_db

YES = {"confirmed": "yes"}
CANCEL = {"cancel": "1"}


def _hidden(body: str, name: str, value: str) -> bool:
    return f'type="hidden" name="{name}" value="{value}"' in body


# --- membership: end, suspend, reject --------------------------------------------------------------


def test_ending_a_membership_first_shows_what_will_happen_and_changes_nothing(
    client_for, secretariat_user, covenant
):
    membership = MembershipFactory(covenant=covenant, active=True)
    data = {"end-reason": "expelled", "end-ended_on": "2026-03-01", "end-note": "No annual plan."}
    response = client_for(secretariat_user).post(url("membership-end", membership.pk), data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "End the membership?" in body and "Yes, end the membership" in body
    assert "1 March 2026" in body and "No annual plan." in body
    # What was typed travels along, unchanged, for the confirmed POST.
    assert _hidden(body, "end-ended_on", "2026-03-01") and _hidden(body, "end-note", "No annual plan.")
    # The action button is a warning, never the main action, and it comes after "Cancel".
    assert 'class="button button--warning"' in body
    assert body.index('name="cancel"') < body.index('name="confirmed"')
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and not membership.events.exists()


def test_confirmed_end_ends_the_membership(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant, active=True)
    data = {"end-reason": "left", "end-ended_on": "2026-03-01", "end-note": "", **YES}
    response = client_for(secretariat_user).post(url("membership-end", membership.pk), data)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED and membership.ended_on == date(2026, 3, 1)


def test_cancel_keeps_what_was_typed_and_changes_nothing(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant, active=True)
    data = {"end-reason": "expelled", "end-ended_on": "2026-03-01", "end-note": "Typed reason", **CANCEL}
    response = client_for(secretariat_user).post(url("membership-end", membership.pk), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Typed reason" in body and 'value="2026-03-01"' in body
    assert response.context["end_form"]["note"].value() == "Typed reason"
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_suspension_needs_confirmation(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant, active=True)
    client = client_for(secretariat_user)
    data = {"suspend-note": "No plan.", "suspend-effective_on": "2026-06-01"}
    first = client.post(url("membership-suspend", membership.pk), data)
    assert "Yes, suspend the membership" in first.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert client.post(url("membership-suspend", membership.pk), {**data, **YES}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.SUSPENDED


def test_rejecting_an_application_needs_confirmation_but_approving_does_not(
    client_for, secretariat_user, covenant
):
    rejected = MembershipFactory(covenant=covenant)
    client = client_for(secretariat_user)
    data = {"decide-decision": "reject", "decide-note": "Not a garment company."}
    first = client.post(url("membership-decide", rejected.pk), data)
    assert "Yes, reject the application" in first.content.decode()
    rejected.refresh_from_db()
    assert rejected.status == Membership.Status.APPLIED
    assert client.post(url("membership-decide", rejected.pk), {**data, **YES}).status_code == 302
    rejected.refresh_from_db()
    assert rejected.status == Membership.Status.REJECTED

    approved = MembershipFactory(covenant=covenant)
    response = client.post(url("membership-decide", approved.pk), {"decide-decision": "approve"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Membership.Status.ACTIVE


# --- cycles ----------------------------------------------------------------------------------------


def test_closing_a_cycle_before_its_end_warns_and_changes_nothing(client_for, secretariat_user, covenant):
    today = timezone.localdate()
    cycle = AnnualCycleFactory(covenant=covenant, year=today.year, status=AnnualCycle.Status.OPEN)
    cycle.ends_on = date(today.year, 12, 31)
    response = client_for(secretariat_user).post(url("cycle-close", cycle.pk), {})
    body = response.content.decode()
    assert response.status_code == 200 and "Yes, close the cycle" in body
    if today < cycle.ends_on:
        assert "before its end date" in body and f"31 December {today.year}" in body
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.OPEN


def test_closing_a_finished_cycle_has_no_early_warning(client_for, secretariat_user, covenant):
    cycle = AnnualCycleFactory(covenant=covenant, year=2020, status=AnnualCycle.Status.OPEN)
    client = client_for(secretariat_user)
    body = client.post(url("cycle-close", cycle.pk), {}).content.decode()
    assert "Close the cycle?" in body and "before its end date" not in body
    assert client.post(url("cycle-close", cycle.pk), YES).status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.CLOSED


def test_cycle_close_reason_travels_through_the_confirmation(client_for, secretariat_user, covenant):
    from covenants.hooks import register_pending_reviews, unregister_pending_reviews

    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)

    def provider(c):
        return 2

    register_pending_reviews(provider)
    try:
        client = client_for(secretariat_user)
        data = {"force": "on", "reason": "Two members left."}
        body = client.post(url("cycle-close", cycle.pk), data).content.decode()
        assert _hidden(body, "reason", "Two members left.") and _hidden(body, "force", "True")
        cycle.refresh_from_db()
        assert cycle.status == AnnualCycle.Status.OPEN
        # The hidden fields, posted back as the confirmation page sends them.
        confirmed = {"force": "True", "reason": "Two members left.", **YES}
        assert client.post(url("cycle-close", cycle.pk), confirmed).status_code == 302
    finally:
        unregister_pending_reviews(provider)
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.CLOSED and cycle.close_reason == "Two members left."


# --- parties and steering seats --------------------------------------------------------------------


def test_ending_a_party_needs_confirmation(client_for, secretariat_user, covenant):
    party = PartyFactory(covenant=covenant)
    client = client_for(secretariat_user)
    target = url("party-end", covenant.slug, party.pk)
    left_on = (timezone.localdate() - timedelta(days=1)).isoformat()
    body = client.post(target, {"left_on": left_on}).content.decode()
    assert "Yes, record leaving" in body and party.organisation.name in body
    party.refresh_from_db()
    assert party.left_on is None

    cancelled = client.post(target, {"left_on": left_on, **CANCEL})
    assert f'value="{left_on}"' in cancelled.content.decode()
    party.refresh_from_db()
    assert party.left_on is None

    assert client.post(target, {"left_on": left_on, **YES}).status_code == 302
    assert Party.objects.get(pk=party.pk).left_on.isoformat() == left_on


def test_ending_a_steering_seat_needs_confirmation(client_for, secretariat_user, covenant):
    member = SteeringGroupMemberFactory(covenant=covenant, person_name="Anne Kuipers")
    client = client_for(secretariat_user)
    target = url("steering-member-end", covenant.slug, member.pk)
    until = timezone.localdate().isoformat()
    body = client.post(target, {"until": until}).content.decode()
    assert "End the seat of Anne Kuipers?" in body and "Yes, end the seat" in body
    assert SteeringGroupMember.objects.get(pk=member.pk).until is None
    assert client.post(target, {"until": until, **YES}).status_code == 302
    assert SteeringGroupMember.objects.get(pk=member.pk).until.isoformat() == until


# --- organisations ---------------------------------------------------------------------------------


def test_rejecting_an_account_request_needs_confirmation(client_for, secretariat_user):
    applicant = UserFactory(
        organisation=OrganisationFactory(status=Organisation.Status.PENDING, kind=Role.NGO)
    )
    organisation = applicant.organisation
    target = reverse("accounts:organisation-review", kwargs={"pk": organisation.pk})
    client = client_for(secretariat_user)
    data = {"decision": "reject", "note": "Unknown organisation."}
    body = client.post(target, data).content.decode()
    assert "Yes, reject the request" in body and "Unknown organisation." in body
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING

    cancelled = client.post(target, {**data, **CANCEL}).content.decode()
    assert "Unknown organisation." in cancelled and "Save decision" in cancelled
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING

    assert client.post(target, {**data, **YES}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED


def test_what_the_service_would_refuse_is_shown_before_the_confirmation(
    client_for, secretariat_user, covenant
):
    membership = MembershipFactory(covenant=covenant, active=True, joined_on=date(2024, 1, 1))
    data = {"end-reason": "left", "end-ended_on": "2020-01-01", "end-note": "Typed"}
    response = client_for(secretariat_user).post(url("membership-end", membership.pk), data)
    assert "ended_on" in response.context["end_form"].errors
    assert "Yes, end the membership" not in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and not membership.events.exists()
