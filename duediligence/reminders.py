"""The daily monitoring reminders (Celery beat, `duediligence.tasks.reminders_send`):

- to each member company that has not submitted its self-assessment: 30, 7 and 1 days before the
  cycle's deadline (only the nearest one when the job missed days: never two at once);
- to a company, for each action of its plan that is open past its due date (again after a new due date);
- to the secretariat, for each self-assessment still waiting for review after the cycle's review date;
- to the secretariat, for each company that missed the deadline by more than 30 days (escalation).

Each reminder is written with its key in `ReminderSent` in the same transaction as its notifications
in the outbox, so a rerun (the same day, or after a crash) sends nothing twice, and nothing is lost
when the mail server is down: the outbox delivers later, in the recipient's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from covenants.models import AnnualCycle, Membership
from covenants.notifications import covenant_name
from portal.accounts.models import Organisation
from portal.notifications.kinds import as_date
from portal.notifications.services import notification_enqueue

from .models import Action, Assessment, CycleFramework, ReminderSent
from .services._common import company_users as _users
from .services._common import secretariat_users as _secretariat

Kind = ReminderSent.Kind
#: Days before the deadline, nearest last.
DEADLINE_STEPS = ((30, Kind.DEADLINE_30), (7, Kind.DEADLINE_7), (1, Kind.DEADLINE_1))
ESCALATION_AFTER_DAYS = 30
NOT_SENT = (Assessment.Status.DRAFT,)


def _once(kind: str, key: str, send: Any) -> bool:
    """Record the reminder and send it in one transaction; False when it was sent before."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, key=key)
            send()
    except IntegrityError:
        return False
    return True


def _not_submitted(cycle: AnnualCycle) -> list[int]:
    """Current member companies of the cycle's covenant without a sent self-assessment."""
    members = (
        Membership.objects.current()
        .filter(covenant_id=cycle.covenant_id)
        .values_list("company_id", flat=True)
    )
    sent = (
        Assessment.objects.filter(cycle=cycle)
        .exclude(status__in=NOT_SENT)
        .values_list("company_id", flat=True)
    )
    return sorted(set(members) - set(sent))


def _cycle_params(cycle: AnnualCycle, company: Organisation, when: date, today: date) -> dict[str, Any]:
    return {
        "company": company.name,
        "covenant": covenant_name(cycle.covenant),
        "year": cycle.year,
        "date": as_date(when),
        "days": (when - today).days,
    }


def _deadlines(today: date) -> int:
    sent = 0
    cycles = AnnualCycle.objects.filter(
        status=AnnualCycle.Status.OPEN, pk__in=CycleFramework.objects.values("cycle_id")
    ).select_related("covenant")
    for cycle in cycles:
        days_left = (cycle.self_assessment_due - today).days
        companies = {o.pk: o for o in Organisation.objects.filter(pk__in=_not_submitted(cycle))}
        due = [kind for days, kind in DEADLINE_STEPS if 0 <= days_left <= days]
        for company in companies.values():
            if due:
                key = f"cycle {cycle.pk} company {company.pk}"
                params = _cycle_params(cycle, company, cycle.self_assessment_due, today)

                def send(company: Organisation = company, params: dict[str, Any] = params) -> None:
                    notification_enqueue(
                        recipients=_users([company.pk]), kind="assessment.deadline", params=params
                    )

                # The nearest step only; the earlier ones count as sent, so a late run sends one reminder.
                for kind in due[:-1]:
                    _once(kind, key, lambda: None)
                sent += _once(due[-1], key, send)
            if days_left < -ESCALATION_AFTER_DAYS:
                params = _cycle_params(cycle, company, cycle.self_assessment_due, today)
                sent += _once(
                    Kind.ESCALATION,
                    f"cycle {cycle.pk} company {company.pk}",
                    lambda params=params: notification_enqueue(
                        recipients=_secretariat(), kind="assessment.escalation", params=params
                    ),
                )
    return sent


def _actions(today: date) -> int:
    sent = 0
    for action in Action.objects.filter(status__in=Action.OPEN, due_on__lt=today).order_by("pk"):
        params = {"action": action.title, "date": as_date(action.due_on)}
        sent += _once(
            Kind.ACTION_OVERDUE,
            f"action {action.pk} due {action.due_on.isoformat()}",
            lambda action=action, params=params: notification_enqueue(
                recipients=_users([action.company_id]), kind="action.overdue", params=params
            ),
        )
    return sent


def _reviews(today: date) -> int:
    sent = 0
    waiting = Assessment.objects.filter(
        status__in=Assessment.AWAITING_REVIEW, cycle__review_due__lt=today
    ).select_related("cycle__covenant", "company")
    for assessment in waiting:
        params = _cycle_params(assessment.cycle, assessment.company, assessment.cycle.review_due, today)
        sent += _once(
            Kind.REVIEW_OVERDUE,
            f"assessment {assessment.pk}",
            lambda params=params: notification_enqueue(
                recipients=_secretariat(), kind="review.overdue", params=params
            ),
        )
    return sent


def reminders_send(*, today: date | None = None) -> int:
    """Send every reminder that is due today and was not sent before; returns how many were sent."""
    today = today or timezone.localdate()
    return _deadlines(today) + _actions(today) + _reviews(today)
