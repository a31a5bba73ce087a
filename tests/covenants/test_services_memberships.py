"""Membership services: each move is checked, recorded, audited and notified."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from covenants import services
from covenants.models import Covenant, Membership, Party, PartyRole
from covenants.workflow import TransitionNotAllowed
from portal.accounts.roles import Role
from portal.audit.models import AuditEvent
from portal.notifications.models import Notification
from tests.factories import OrganisationFactory

from .factories import CovenantFactory, MembershipFactory, declaration

pytestmark = pytest.mark.django_db


def field_errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- applying --------------------------------------------------------------------------------------


def test_company_applies_and_the_application_waits_for_the_secretariat(
    covenant, company_user, secretariat_user
):
    membership = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())

    assert membership.status == Membership.Status.APPLIED
    assert membership.company == company_user.organisation
    assert membership.applied_by == company_user
    assert [country.code for country in membership.sourcing_countries] == ["BD", "CN", "IN"]
    event = membership.events.get()
    assert (event.from_status, event.to_status, event.actor) == ("", Membership.Status.APPLIED, company_user)
    assert AuditEvent.objects.filter(action="membership.applied", target_id=str(membership.pk)).exists()
    assert Notification.objects.filter(recipient=secretariat_user, kind="membership.applied").count() == 1
    assert Notification.objects.filter(recipient=company_user, kind="membership.received").count() == 1


def test_notification_names_the_covenant_in_the_recipients_language(covenant, company_user, secretariat_user):
    secretariat_user.preferred_language = "nl"
    secretariat_user.save(update_fields=["preferred_language"])
    company_user.preferred_language = "en"
    company_user.save(update_fields=["preferred_language"])

    services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())

    assert covenant.name_nl in Notification.objects.get(recipient=secretariat_user).subject
    assert covenant.name_en in Notification.objects.get(recipient=company_user).subject


def test_second_application_while_one_is_open_is_refused_at_the_covenant_field(application, company_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_apply(actor=company_user, covenant_id=application.covenant_id, **declaration())
    assert "covenant" in field_errors(excinfo)
    assert Membership.objects.filter(company=company_user.organisation).count() == 1


def test_second_active_membership_of_the_same_covenant_is_refused(active, company_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_apply(actor=company_user, covenant_id=active.covenant_id, **declaration())
    assert "already" in field_errors(excinfo)["covenant"][0]


def test_database_refuses_two_open_memberships_of_one_company_in_one_covenant(covenant):
    company = OrganisationFactory(kind=Role.COMPANY)
    MembershipFactory(covenant=covenant, company=company, active=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(covenant=covenant, company=company)


def test_company_can_be_member_of_several_covenants(active, company_user, secretariat_user):
    other = CovenantFactory(secretariat=secretariat_user.organisation)
    second = services.membership_apply(actor=company_user, covenant_id=other.pk, **declaration())
    services.membership_approve(actor=secretariat_user, membership_id=second.pk)
    assert Membership.objects.filter(company=company_user.organisation, status="active").count() == 2


def test_company_may_apply_again_after_a_rejection_and_history_stays(
    application, company_user, secretariat_user
):
    services.membership_reject(actor=secretariat_user, membership_id=application.pk, note="Incomplete.")
    again = services.membership_apply(
        actor=company_user, covenant_id=application.covenant_id, **declaration()
    )

    application.refresh_from_db()
    assert application.status == Membership.Status.REJECTED
    assert again.pk != application.pk and again.status == Membership.Status.APPLIED


def test_ended_covenant_accepts_no_new_members(covenant, company_user):
    covenant.status = Covenant.Status.ENDED
    covenant.save()
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    assert field_errors(excinfo)["covenant"] == ["This covenant has ended and accepts no new members."]


def test_covenant_in_negotiation_takes_no_members_yet(company_user):
    negotiating = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_apply(actor=company_user, covenant_id=negotiating.pk, **declaration())
    assert "still being negotiated" in field_errors(excinfo)["covenant"][0]


def test_declaration_must_be_accepted(covenant, company_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_apply(
            actor=company_user, covenant_id=covenant.pk, **declaration(declaration_accepted=False)
        )
    assert "declaration_accepted" in field_errors(excinfo)
    assert not Membership.objects.exists()


def test_wrong_country_codes_are_refused_at_the_field(covenant, company_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_apply(
            actor=company_user, covenant_id=covenant.pk, **declaration(sourcing_countries="Bangladesh")
        )
    assert "sourcing_countries" in field_errors(excinfo)


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.SECRETARIAT, Role.TRADE_UNION])
def test_only_companies_apply(covenant, make_user, role):
    with pytest.raises(PermissionDenied):
        services.membership_apply(actor=make_user(role), covenant_id=covenant.pk, **declaration())


# --- deciding --------------------------------------------------------------------------------------


def test_secretariat_approves_and_the_company_becomes_member_and_party(
    application, secretariat_user, company_user
):
    membership = services.membership_approve(
        actor=secretariat_user, membership_id=application.pk, note="Welcome.", joined_on=date(2025, 2, 1)
    )

    assert membership.status == Membership.Status.ACTIVE
    assert membership.joined_on == date(2025, 2, 1)
    assert (membership.decided_by, membership.decision_note) == (secretariat_user, "Welcome.")
    moves = list(membership.events.values_list("from_status", "to_status", "actor_id", "note"))
    assert moves == [
        ("", "applied", company_user.pk, ""),
        ("applied", "active", secretariat_user.pk, "Welcome."),
    ]
    party = Party.objects.get(covenant=membership.covenant, organisation=company_user.organisation)
    assert (party.role, party.joined_on, party.left_on) == (PartyRole.MEMBER_COMPANY, date(2025, 2, 1), None)
    assert Notification.objects.filter(recipient=company_user, kind="membership.approved").exists()


def test_company_cannot_approve_its_own_application(application, company_user):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.membership_approve(actor=company_user, membership_id=application.pk)
    assert excinfo.value.messages == ["You cannot decide on your own organisation's application."]
    application.refresh_from_db()
    assert application.status == Membership.Status.APPLIED


def test_other_company_cannot_decide(application, other_company_user):
    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=other_company_user, membership_id=application.pk, approve=True)


def test_approval_is_refused_once_the_covenant_has_ended(application, secretariat_user):
    Covenant.objects.filter(pk=application.covenant_id).update(status=Covenant.Status.ENDED)
    with pytest.raises(ValidationError):
        services.membership_approve(actor=secretariat_user, membership_id=application.pk)


def test_joining_after_the_covenant_end_date_is_refused_at_the_field(application, secretariat_user):
    late = application.covenant.ends_on + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_approve(actor=secretariat_user, membership_id=application.pk, joined_on=late)
    assert "joined_on" in field_errors(excinfo)


def test_rejection_needs_reasons(application, secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_reject(actor=secretariat_user, membership_id=application.pk, note="  ")
    assert "note" in field_errors(excinfo)


def test_secretariat_rejects_with_reasons_and_the_company_is_told(
    application, secretariat_user, company_user
):
    membership = services.membership_reject(
        actor=secretariat_user, membership_id=application.pk, note="Not in this sector."
    )
    assert membership.status == Membership.Status.REJECTED
    assert membership.decision_note == "Not in this sector."
    assert membership.events.last().to_status == Membership.Status.REJECTED
    notification = Notification.objects.get(recipient=company_user, kind="membership.rejected")
    assert "Not in this sector." in notification.body
    assert not Party.objects.filter(organisation=company_user.organisation).exists()


def test_deciding_twice_is_refused(active, secretariat_user):
    with pytest.raises(TransitionNotAllowed):
        services.membership_approve(actor=secretariat_user, membership_id=active.pk)
    with pytest.raises(TransitionNotAllowed):
        services.membership_reject(actor=secretariat_user, membership_id=active.pk, note="Too late.")


# --- suspending, reinstating, ending ---------------------------------------------------------------


def test_suspend_needs_a_reason_then_records_and_notifies(active, secretariat_user, company_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_suspend(actor=secretariat_user, membership_id=active.pk, note="")
    assert "note" in field_errors(excinfo)

    membership = services.membership_suspend(
        actor=secretariat_user, membership_id=active.pk, note="No annual plan.", effective_on=date(2025, 6, 1)
    )
    assert membership.status == Membership.Status.SUSPENDED
    event = membership.events.last()
    assert (event.from_status, event.to_status, event.effective_on, event.note) == (
        "active",
        "suspended",
        date(2025, 6, 1),
        "No annual plan.",
    )
    assert Notification.objects.filter(recipient=company_user, kind="membership.suspended").exists()


def test_reinstate_lifts_a_suspension(active, secretariat_user, company_user):
    services.membership_suspend(actor=secretariat_user, membership_id=active.pk, note="No annual plan.")
    membership = services.membership_reinstate(
        actor=secretariat_user, membership_id=active.pk, note="Plan in."
    )
    assert membership.status == Membership.Status.ACTIVE
    assert membership.joined_on == date(2025, 2, 1)  # the original join date stays
    assert Notification.objects.filter(recipient=company_user, kind="membership.reinstated").exists()


def test_reinstating_an_active_member_is_refused(active, secretariat_user):
    with pytest.raises(TransitionNotAllowed):
        services.membership_reinstate(actor=secretariat_user, membership_id=active.pk)


def test_end_because_the_company_left(active, secretariat_user, company_user):
    membership = services.membership_end(
        actor=secretariat_user, membership_id=active.pk, reason="left", ended_on=date(2025, 12, 31)
    )
    assert membership.status == Membership.Status.ENDED
    assert (membership.ended_on, membership.end_reason) == (date(2025, 12, 31), "left")
    party = Party.objects.get(covenant=active.covenant, organisation=company_user.organisation)
    assert party.left_on == date(2025, 12, 31)
    assert Notification.objects.filter(recipient=company_user, kind="membership.ended").exists()


def test_expulsion_needs_a_reason(active, secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_end(actor=secretariat_user, membership_id=active.pk, reason="expelled")
    assert "note" in field_errors(excinfo)
    membership = services.membership_end(
        actor=secretariat_user, membership_id=active.pk, reason="expelled", note="Refused to engage."
    )
    assert membership.end_reason == Membership.EndReason.EXPELLED


def test_end_date_before_joining_is_refused_at_the_field(active, secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_end(
            actor=secretariat_user, membership_id=active.pk, reason="left", ended_on=date(2024, 1, 1)
        )
    assert "ended_on" in field_errors(excinfo)
    active.refresh_from_db()
    assert active.status == Membership.Status.ACTIVE


def test_a_suspended_member_can_be_ended(active, secretariat_user):
    services.membership_suspend(actor=secretariat_user, membership_id=active.pk, note="No plan.")
    membership = services.membership_end(actor=secretariat_user, membership_id=active.pk, reason="left")
    assert membership.status == Membership.Status.ENDED


def test_history_is_never_rewritten(active, secretariat_user):
    services.membership_suspend(actor=secretariat_user, membership_id=active.pk, note="No plan.")
    services.membership_reinstate(actor=secretariat_user, membership_id=active.pk)
    services.membership_end(actor=secretariat_user, membership_id=active.pk, reason="left")
    with pytest.raises(TransitionNotAllowed):
        services.membership_reinstate(actor=secretariat_user, membership_id=active.pk)

    moves = list(active.events.values_list("from_status", "to_status"))
    assert moves == [
        ("", "applied"),
        ("applied", "active"),
        ("active", "suspended"),
        ("suspended", "active"),
        ("active", "ended"),
    ]
    actions = set(AuditEvent.objects.filter(target_id=str(active.pk)).values_list("action", flat=True))
    assert {"membership.applied", "membership.active", "membership.suspended", "membership.ended"} <= actions


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_only_the_secretariat_suspends_or_ends(active, make_user, role):
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        services.membership_suspend(actor=actor, membership_id=active.pk, note="x")
    with pytest.raises(PermissionDenied):
        services.membership_end(actor=actor, membership_id=active.pk, reason="left")
