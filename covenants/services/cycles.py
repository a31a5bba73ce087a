"""Annual monitoring cycles: create, open, close, deadline reminders."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.audit.services import audit_record
from portal.notifications.kinds import as_date
from portal.notifications.services import notification_enqueue

from .. import workflow
from ..hooks import pending_reviews
from ..models import (
    AnnualCycle,
    Covenant,
    Membership,
)
from ..notifications import covenant_name
from ._common import _full_clean, _require_secretariat, _users_of

# --- annual cycles ---------------------------------------------------------------------------------

CYCLE_FIELDS = ("year", "starts_on", "ends_on", *AnnualCycle.DEADLINE_FIELDS)


def _cycle_url(cycle: AnnualCycle) -> str:
    return reverse("covenants:cycle-detail", kwargs={"pk": cycle.pk})


def _active_member_ids(covenant_id: int) -> list[int]:
    return list(
        Membership.objects.current().filter(covenant_id=covenant_id).values_list("company_id", flat=True)
    )


@transaction.atomic
def cycle_create(*, actor: User, covenant_id: int, **fields: Any) -> AnnualCycle:
    """Plan a covenant's cycle for a year with its deadlines; it is opened separately."""
    _require_secretariat(actor)
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    if AnnualCycle.objects.filter(covenant=covenant, year=fields.get("year", 0)).exists():
        raise ValidationError({"year": _("This covenant already has a cycle for this year.")})
    cycle = AnnualCycle(covenant=covenant, **fields)
    _full_clean(cycle)
    cycle.save()
    audit_record(actor=actor, action="cycle.created", target=cycle)
    return cycle


@transaction.atomic
def cycle_update(*, actor: User, cycle_id: int, **fields: Any) -> AnnualCycle:
    """Change a cycle's period or deadlines while it is not closed."""
    _require_secretariat(actor)
    unknown = set(fields) - set(CYCLE_FIELDS) - {"year"}
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    cycle = AnnualCycle.objects.select_for_update().get(pk=cycle_id)
    if cycle.status == AnnualCycle.Status.CLOSED:
        raise ValidationError(_("A closed cycle can no longer be changed."))
    if (
        "year" in fields
        and fields["year"] != cycle.year
        and AnnualCycle.objects.filter(covenant_id=cycle.covenant_id, year=fields["year"]).exists()
    ):
        raise ValidationError({"year": _("This covenant already has a cycle for this year.")})
    for name, value in fields.items():
        setattr(cycle, name, value)
    _full_clean(cycle)
    cycle.save(update_fields=[*fields, "updated_at"])
    audit_record(actor=actor, action="cycle.updated", target=cycle)
    return cycle


@transaction.atomic
def cycle_open(*, actor: User, cycle_id: int) -> AnnualCycle:
    """Open a planned cycle; the covenant's active members are told their deadlines."""
    _require_secretariat(actor)
    cycle = AnnualCycle.objects.select_for_update(of=("self",)).select_related("covenant").get(pk=cycle_id)
    workflow.check_cycle(cycle.status, AnnualCycle.Status.OPEN)
    if AnnualCycle.objects.filter(covenant_id=cycle.covenant_id, status=AnnualCycle.Status.OPEN).exists():
        raise ValidationError(_("This covenant already has an open cycle. Close it first."))
    if cycle.covenant.status == Covenant.Status.ENDED:
        raise ValidationError(_("This covenant has ended; its cycles can no longer be opened."))
    cycle.status, cycle.opened_at, cycle.opened_by = AnnualCycle.Status.OPEN, timezone.now(), actor
    cycle.save(update_fields=["status", "opened_at", "opened_by", "updated_at"])
    audit_record(actor=actor, action="cycle.opened", target=cycle)
    notification_enqueue(
        recipients=_users_of(_active_member_ids(cycle.covenant_id)),
        kind="cycle.opened",
        params={
            "year": cycle.year,
            "covenant": covenant_name(cycle.covenant),
            "self_assessment": as_date(cycle.self_assessment_due),
            "locations": as_date(cycle.locations_due),
        },
    )
    return cycle


@transaction.atomic
def cycle_close(*, actor: User, cycle_id: int, force: bool = False, reason: str = "") -> AnnualCycle:
    """Close an open cycle. While reviews are pending this is refused, unless forced with a reason."""
    _require_secretariat(actor)
    cycle = AnnualCycle.objects.select_for_update(of=("self",)).select_related("covenant").get(pk=cycle_id)
    workflow.check_cycle(cycle.status, AnnualCycle.Status.CLOSED)
    pending = pending_reviews(cycle)
    if pending and not force:
        raise ValidationError(
            _(
                "%(count)s review(s) are still pending for this cycle. Finish them first, "
                "or close the cycle anyway and give the reason."
            ),
            code="reviews_pending",
            params={"count": pending},
        )
    if pending and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for closing with reviews still pending.")})
    cycle.status, cycle.closed_at, cycle.closed_by = AnnualCycle.Status.CLOSED, timezone.now(), actor
    cycle.close_forced = bool(pending)
    cycle.close_reason = reason.strip() if pending else ""
    cycle.save(
        update_fields=["status", "closed_at", "closed_by", "close_forced", "close_reason", "updated_at"]
    )
    note = f"forced with {pending} review(s) pending: {cycle.close_reason}" if pending else ""
    audit_record(actor=actor, action="cycle.closed", target=cycle, note=note)
    return cycle


def cycle_send_deadline_reminders(*, within_days: int = 14, today: date | None = None) -> int:
    """Remind active members of open cycles whose self-assessment deadline is near. Once per cycle.

    Returns how many cycles were reminded. Safe to run as often as you like.
    """
    today = today or timezone.localdate()
    due = AnnualCycle.objects.filter(
        status=AnnualCycle.Status.OPEN,
        reminder_sent_at__isnull=True,
        self_assessment_due__gte=today,
        self_assessment_due__lte=today + timedelta(days=within_days),
    ).values_list("pk", flat=True)
    return sum(1 for cycle_id in list(due) if _cycle_remind(cycle_id=cycle_id, today=today))


@transaction.atomic
def _cycle_remind(*, cycle_id: int, today: date) -> bool:
    cycle = (
        AnnualCycle.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("covenant")
        .filter(pk=cycle_id, status=AnnualCycle.Status.OPEN, reminder_sent_at__isnull=True)
        .first()
    )
    if cycle is None:
        return False
    notification_enqueue(
        recipients=_users_of(_active_member_ids(cycle.covenant_id)),
        kind="cycle.deadline_reminder",
        params={
            "covenant": covenant_name(cycle.covenant),
            "year": cycle.year,
            "date": as_date(cycle.self_assessment_due),
            "days": (cycle.self_assessment_due - today).days,
        },
    )
    cycle.reminder_sent_at = timezone.now()
    cycle.save(update_fields=["reminder_sent_at", "updated_at"])
    return True
