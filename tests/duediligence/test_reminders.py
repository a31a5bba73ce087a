"""The daily reminders, with a frozen clock: each sent once across reruns, to the right people, in
their language, through the outbox."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import translation

from covenants.models import AnnualCycle
from duediligence import reminders, services
from duediligence.models import Assessment, ReminderSent
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.covenants.factories import standard_theme
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
DUE = date(2026, 3, 31)  # the factory cycle's self-assessment deadline


def _kinds(user: Any) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def test_deadline_reminders_at_30_7_and_1_days_each_once(cycle, company):
    for day, expected in ((DUE - timedelta(days=31), 0), (DUE - timedelta(days=30), 1), (DUE - timedelta(days=29), 0),
                          (DUE - timedelta(days=7), 1), (DUE - timedelta(days=1), 1), (DUE, 0)):  # fmt: skip
        assert reminders.reminders_send(today=day) == expected, day
        assert reminders.reminders_send(today=day) == 0  # a rerun the same day sends nothing
    assert _kinds(company) == ["assessment.deadline"] * 3


def test_a_job_that_missed_days_sends_only_the_nearest_reminder(cycle, company):
    assert reminders.reminders_send(today=DUE - timedelta(days=5)) == 1
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"deadline_30", "deadline_7"}
    notification = Notification.objects.get(recipient=company)
    assert notification.params["days"] == 5
    assert reminders.reminders_send(today=DUE - timedelta(days=4)) == 0


def test_a_company_that_submitted_is_not_reminded(cycle, company, monkeypatch):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assert reminders.reminders_send(today=DUE - timedelta(days=7)) == 0
    assert _kinds(company) == []


def test_a_missed_deadline_is_escalated_to_the_secretariat_once(cycle, company, secretariat):
    reminders.reminders_send(today=DUE + timedelta(days=30))
    assert "assessment.escalation" not in _kinds(secretariat)
    assert reminders.reminders_send(today=DUE + timedelta(days=31)) == 1
    assert reminders.reminders_send(today=DUE + timedelta(days=40)) == 0
    assert _kinds(secretariat) == ["assessment.escalation"]
    escalation = Notification.objects.get(recipient=secretariat)
    assert escalation.params["company"] == company.organisation.name


def test_overdue_actions_are_reminded_once_per_due_date(company):
    risk = services.risk_create(actor=company, theme=standard_theme("living-wage"), title="Low wages",
                                involvement="contributed", scale=3, scope=3, irremediable=2, likelihood=3)  # fmt: skip
    action = services.action_create(actor=company, risk_id=risk.pk, title="Cost the living wage", owner="Buyer",
                                    due_on=date(2026, 5, 1))  # fmt: skip
    assert reminders.reminders_send(today=date(2026, 5, 1)) == 0
    assert reminders.reminders_send(today=date(2026, 5, 2)) == 1
    assert reminders.reminders_send(today=date(2026, 5, 3)) == 0
    services.action_update(actor=company, action_id=action.pk, due_on=date(2026, 6, 1))
    assert reminders.reminders_send(today=date(2026, 6, 2)) == 1
    services.action_progress_add(
        actor=company, action_id=action.pk, on=date(2026, 6, 2), note="Done", percentage=100
    )
    services.action_update(actor=company, action_id=action.pk, due_on=date(2026, 6, 10))
    assert reminders.reminders_send(today=date(2026, 7, 1)) == 0  # done: not overdue
    assert _kinds(company) == ["action.overdue", "action.overdue"]


def test_reviews_past_their_due_date_go_to_the_secretariat(cycle, company, secretariat):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assert reminders.reminders_send(today=cycle.review_due) == 0
    assert reminders.reminders_send(today=cycle.review_due + timedelta(days=1)) >= 1
    assert reminders.reminders_send(today=cycle.review_due + timedelta(days=2)) == 0
    assert _kinds(secretariat).count("review.overdue") == 1
    assert _kinds(company).count("review.overdue") == 0


def test_reminders_are_written_in_the_recipients_language(cycle):
    dutch = user_with_role(Role.COMPANY, preferred_language="nl")
    from tests.covenants.factories import MembershipFactory

    MembershipFactory(company=dutch.organisation, covenant=cycle.covenant, active=True)
    reminders.reminders_send(today=DUE - timedelta(days=7))
    notification = Notification.objects.get(recipient=dutch)
    with translation.override("en"):
        assert "is due on" not in notification.subject
    assert cycle.covenant.name_nl in notification.subject or cycle.covenant.name_en in notification.subject


def test_a_closed_cycle_sends_no_reminders(cycle):
    AnnualCycle.objects.filter(pk=cycle.pk).update(status=AnnualCycle.Status.CLOSED)
    assert reminders.reminders_send(today=DUE - timedelta(days=7)) == 0
