"""Annual cycles: planned -> open -> closed; closing waits for pending reviews unless forced with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from covenants import services
from covenants.hooks import pending_reviews, register_pending_reviews, unregister_pending_reviews
from covenants.models import AnnualCycle, Covenant
from covenants.tasks import cycle_send_deadline_reminders
from covenants.workflow import TransitionNotAllowed
from portal.audit.models import AuditEvent
from portal.notifications.models import Notification

from .factories import AnnualCycleFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def cycle_fields(year: int = 2026, **overrides) -> dict:
    fields = {
        "year": year,
        "starts_on": date(year, 1, 1),
        "ends_on": date(year, 12, 31),
        "self_assessment_due": date(year, 3, 31),
        "locations_due": date(year, 5, 31),
        "review_due": date(year, 6, 30),
        "list_publication_due": date(year, 7, 4),
        "annual_report_due": date(year, 12, 15),
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def reviews_pending() -> Iterator[dict[int, int]]:
    """A stand-in for the due-diligence app: pending reviews per cycle id."""
    counts: dict[int, int] = {}

    def provider(cycle: AnnualCycle) -> int:
        return counts.get(cycle.pk, 0)

    register_pending_reviews(provider)
    yield counts
    unregister_pending_reviews(provider)


def test_secretariat_plans_a_cycle(covenant, secretariat_user):
    cycle = services.cycle_create(actor=secretariat_user, covenant_id=covenant.pk, **cycle_fields())
    assert cycle.status == AnnualCycle.Status.PLANNED
    assert AuditEvent.objects.filter(action="cycle.created", target_id=str(cycle.pk)).exists()


@pytest.mark.parametrize("field", AnnualCycle.DEADLINE_FIELDS)
def test_deadline_outside_the_cycle_is_refused_at_its_field(covenant, secretariat_user, field):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.cycle_create(
            actor=secretariat_user, covenant_id=covenant.pk, **cycle_fields(**{field: date(2027, 1, 15)})
        )
    assert "must fall within the cycle" in excinfo.value.message_dict[field][0]
    assert not AnnualCycle.objects.exists()


def test_cycle_end_before_start_is_refused_at_the_field(covenant, secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.cycle_create(
            actor=secretariat_user, covenant_id=covenant.pk, **cycle_fields(ends_on=date(2025, 12, 31))
        )
    assert "ends_on" in excinfo.value.message_dict


def test_review_deadline_before_self_assessment_is_refused(covenant, secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.cycle_create(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            **cycle_fields(review_due=date(2026, 3, 1)),
        )
    assert "review_due" in excinfo.value.message_dict


def test_one_cycle_per_covenant_and_year(covenant, secretariat_user):
    services.cycle_create(actor=secretariat_user, covenant_id=covenant.pk, **cycle_fields())
    with pytest.raises(ValidationError) as excinfo:
        services.cycle_create(actor=secretariat_user, covenant_id=covenant.pk, **cycle_fields())
    assert "year" in excinfo.value.message_dict


def test_opening_tells_the_active_members_their_deadlines(covenant, secretariat_user, company_user):
    MembershipFactory(covenant=covenant, company=company_user.organisation, active=True)
    cycle = AnnualCycleFactory(covenant=covenant)

    cycle = services.cycle_open(actor=secretariat_user, cycle_id=cycle.pk)

    assert cycle.status == AnnualCycle.Status.OPEN
    assert cycle.opened_by == secretariat_user
    notification = Notification.objects.get(recipient=company_user, kind="cycle.opened")
    # Dates are shown in the reader's date format (the recipient reads Dutch by default).
    assert "31 maart 2026" in notification.body


def test_only_one_open_cycle_per_covenant(covenant, secretariat_user):
    AnnualCycleFactory(covenant=covenant, year=2025, status=AnnualCycle.Status.OPEN)
    cycle = AnnualCycleFactory(covenant=covenant, year=2026)
    with pytest.raises(ValidationError):
        services.cycle_open(actor=secretariat_user, cycle_id=cycle.pk)


def test_cycle_of_an_ended_covenant_cannot_be_opened(covenant, secretariat_user):
    cycle = AnnualCycleFactory(covenant=covenant)
    Covenant.objects.filter(pk=covenant.pk).update(status=Covenant.Status.ENDED)
    with pytest.raises(ValidationError):
        services.cycle_open(actor=secretariat_user, cycle_id=cycle.pk)


def test_close_without_pending_reviews(covenant, secretariat_user):
    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)
    cycle = services.cycle_close(actor=secretariat_user, cycle_id=cycle.pk)
    assert cycle.status == AnnualCycle.Status.CLOSED
    assert (cycle.closed_by, cycle.close_forced, cycle.close_reason) == (secretariat_user, False, "")


def test_without_a_registered_provider_no_review_is_pending(covenant):
    assert pending_reviews(AnnualCycleFactory(covenant=covenant)) == 0


def test_close_is_blocked_with_a_clear_message_while_reviews_are_pending(
    covenant, secretariat_user, reviews_pending
):
    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)
    reviews_pending[cycle.pk] = 3

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.cycle_close(actor=secretariat_user, cycle_id=cycle.pk)

    assert "3 review(s) are still pending" in excinfo.value.messages[0]
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.OPEN


def test_forced_close_needs_a_reason_and_is_recorded(covenant, secretariat_user, reviews_pending):
    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)
    reviews_pending[cycle.pk] = 2

    with pytest.raises(ValidationError) as excinfo:
        services.cycle_close(actor=secretariat_user, cycle_id=cycle.pk, force=True, reason=" ")
    assert "reason" in excinfo.value.message_dict

    cycle = services.cycle_close(
        actor=secretariat_user, cycle_id=cycle.pk, force=True, reason="Two members left the covenant."
    )
    assert cycle.status == AnnualCycle.Status.CLOSED
    assert cycle.close_forced and cycle.close_reason == "Two members left the covenant."
    audit = AuditEvent.objects.get(action="cycle.closed", target_id=str(cycle.pk))
    assert "2 review(s) pending" in audit.note and "Two members left" in audit.note


def test_a_closed_cycle_stays_closed_and_unchanged(covenant, secretariat_user):
    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.CLOSED)
    with pytest.raises(TransitionNotAllowed):
        services.cycle_open(actor=secretariat_user, cycle_id=cycle.pk)
    with pytest.raises(TransitionNotAllowed):
        services.cycle_close(actor=secretariat_user, cycle_id=cycle.pk)
    with pytest.raises(ValidationError):
        services.cycle_update(actor=secretariat_user, cycle_id=cycle.pk, review_due=date(2026, 7, 1))


def test_planned_cycle_cannot_be_closed(covenant, secretariat_user):
    cycle = AnnualCycleFactory(covenant=covenant)
    with pytest.raises(TransitionNotAllowed):
        services.cycle_close(actor=secretariat_user, cycle_id=cycle.pk)


def test_deadline_reminder_goes_out_once_per_cycle(covenant, company_user):
    company_user.preferred_language = "en"
    company_user.save(update_fields=["preferred_language"])
    MembershipFactory(covenant=covenant, company=company_user.organisation, active=True)
    today = timezone.localdate()
    AnnualCycleFactory(
        covenant=covenant,
        year=today.year,
        status=AnnualCycle.Status.OPEN,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=300),
        self_assessment_due=today + timedelta(days=5),
        locations_due=today + timedelta(days=20),
        review_due=today + timedelta(days=60),
        list_publication_due=today + timedelta(days=90),
        annual_report_due=today + timedelta(days=200),
    )

    assert cycle_send_deadline_reminders.delay(within_days=14).get() == 1  # the task, run eagerly
    assert cycle_send_deadline_reminders(within_days=14) == 0  # already reminded: nothing new
    reminders = Notification.objects.filter(recipient=company_user, kind="cycle.deadline_reminder")
    assert reminders.count() == 1
    assert "5 days left" in reminders.get().body


def test_no_reminder_when_the_deadline_is_far_away(covenant, company_user):
    MembershipFactory(covenant=covenant, company=company_user.organisation, active=True)
    AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN, year=2026)
    assert services.cycle_send_deadline_reminders(within_days=14, today=date(2026, 1, 2)) == 0
    assert services.cycle_send_deadline_reminders(within_days=14, today=date(2026, 3, 20)) == 1
