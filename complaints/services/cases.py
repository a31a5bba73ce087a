"""Moving a case: the only writer of its status. Each move locks the case, checks the workflow table
and who moves it, records an event (actor, time, from, to, reason), runs the stage clock and tells the
parties; an admissible complaint and a ruling's recommendations feed the company's own register and
action plan (the learning loop). Pauses stop the clock; overdue stages alert once."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import ComplaintStage
from duediligence.models import Risk
from duediligence.services import action_from_recommendation, risk_from_complaint
from portal.audit.services import audit_record
from portal.notifications.kinds import as_date, in_each_language

from .. import workflow
from ..models import Complaint, ComplaintEvent, Party, Recommendation, Ruling, StageRecord
from ..models.case import TEXT_MAX
from ..status import FINAL, CaseStatus, is_open
from . import stages
from ._common import (
    committee_users,
    email_complainant,
    filer_users,
    locked,
    notify,
    require_party,
    respondent_users,
    secretariat_users,
)

S = CaseStatus
MOVER_OF = {
    Party.SECRETARIAT: workflow.Mover.SECRETARIAT,
    Party.COMMITTEE: workflow.Mover.COMMITTEE,
    Party.COMPLAINANT: workflow.Mover.COMPLAINANT,
}


def _check_ruling(complaint: Complaint, to_status: str) -> None:
    ruling = Ruling.objects.filter(complaint=complaint).first()
    if to_status == S.FOLLOW_UP and (ruling is None or ruling.outcome == Ruling.Outcome.UNFOUNDED):
        raise ValidationError(
            _("Compliance is followed up after a ruling that found the complaint (partly) founded.")
        )
    if (
        to_status == S.CLOSED
        and complaint.status == S.RULING
        and (ruling is None or ruling.outcome != Ruling.Outcome.UNFOUNDED)
    ):
        raise ValidationError(_("Record the ruling first; a founded ruling is followed up before closing."))


def _learn_from(complaint: Complaint, actor: Any) -> None:
    """An admissible complaint becomes a risk, flagged "from a complaint", in each respondent's register."""
    location_ids = [complaint.location_id] if complaint.location_id else []
    title = str(_("Complaint %(reference)s")) % {"reference": complaint.reference}
    for respondent in complaint.respondents.all():
        for theme in complaint.themes.all():
            risk_from_complaint(
                actor=actor,
                company_id=respondent.company_id,
                reference=complaint.reference,
                theme_id=theme.pk,
                title=title,
                country=str(complaint.country or ""),
                location_ids=location_ids,
            )


@transaction.atomic
def complaint_move(*, actor: Any, complaint_id: int, to_status: str, reason: str = "",
                   now: datetime | None = None) -> Complaint:  # fmt: skip
    complaint = locked(complaint_id)
    party = require_party(actor, complaint)
    workflow.check(complaint.status, to_status)
    if MOVER_OF.get(party) not in workflow.movers(to_status):
        raise PermissionDenied(_("This step is not yours to take in this case."))
    reason = (reason or "").strip()
    if to_status in workflow.NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Give the reason; it is shown to the parties.")})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": _("Keep this under %(limit)s characters.") % {"limit": TEXT_MAX}})
    if to_status in (S.FOLLOW_UP, S.CLOSED):
        _check_ruling(complaint, to_status)
    if to_status == S.ADMISSIBLE and not complaint.respondents.exists():
        raise ValidationError(_("Route the complaint to the linked member companies first."))
    now = now or timezone.now()
    from_status = complaint.status
    complaint.status, complaint.status_changed_at = to_status, now
    update = ["status", "status_changed_at"]
    if to_status == S.ADMISSIBLE:
        complaint.admitted_at = now
        update.append("admitted_at")
    if to_status in FINAL:
        complaint.closed_at = now
        update.append("closed_at")
    complaint.save(update_fields=update)
    ComplaintEvent.objects.create(
        complaint=complaint,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_kind="" if getattr(actor, "is_authenticated", False) else Party.COMPLAINANT,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        created_at=now,
    )
    stages.enter(complaint, to_status, now)
    audit_record(
        actor=actor, action="complaint.moved", target=complaint, note=f"{from_status} -> {to_status}"
    )
    if to_status == S.ADMISSIBLE:
        _learn_from(complaint, actor)
        notify(respondent_users(complaint), "complaint.admitted", complaint)
    elif complaint.admitted_at is not None:
        notify(respondent_users(complaint), "complaint.moved", complaint, status=_label(to_status))
    notify(filer_users(complaint), "complaint.moved", complaint, status=_label(to_status))
    if party != Party.SECRETARIAT:
        notify(secretariat_users(), "complaint.moved", complaint, status=_label(to_status))
    email_complainant(
        complaint,
        _("Your complaint {reference}: {status}"),
        _("Your complaint {reference} has moved on: {status}. Read what happens next at {link}."),
        status=S(to_status).label,
    )
    return complaint


def _label(status: str) -> dict[str, str]:
    return in_each_language(lambda: str(S(status).label))


@transaction.atomic
def complaint_pause(*, actor: Any, complaint_id: int, reason: str, now: datetime | None = None) -> Complaint:
    """Stop the clock while the case waits for a party; the reason is recorded and shown."""
    complaint = locked(complaint_id)
    require_party(actor, complaint, Party.SECRETARIAT, Party.COMMITTEE)
    if not is_open(complaint.status):
        raise ValidationError(_("This case has ended."))
    if complaint.paused_since is not None:
        raise ValidationError(_("The case is already paused."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the case is waiting for.")})
    complaint.paused_since, complaint.pause_reason = now or timezone.now(), reason[:2000]
    complaint.save(update_fields=["paused_since", "pause_reason"])
    audit_record(actor=actor, action="complaint.paused", target=complaint, note=reason[:200])
    return complaint


@transaction.atomic
def complaint_resume(*, actor: Any, complaint_id: int, now: datetime | None = None) -> Complaint:
    complaint = locked(complaint_id)
    require_party(actor, complaint, Party.SECRETARIAT, Party.COMMITTEE)
    if complaint.paused_since is None:
        raise ValidationError(_("The case is not paused."))
    now = now or timezone.now()
    stages.resume(complaint, now)
    complaint.paused_since, complaint.pause_reason = None, ""
    complaint.save(update_fields=["paused_since", "pause_reason"])
    audit_record(actor=actor, action="complaint.resumed", target=complaint)
    return complaint


@transaction.atomic
def ruling_record(*, actor: Any, complaint_id: int, outcome: str, text_nl: str, text_en: str,
                  recommendations: list[tuple[int, str, date]] | None = None) -> Ruling:  # fmt: skip
    """The committee's ruling, in both languages, with its recommendations per respondent; each
    recommendation becomes an action in that company's action plan."""
    complaint = locked(complaint_id)
    require_party(actor, complaint, Party.COMMITTEE)
    if complaint.status != S.RULING:
        raise ValidationError(_("The ruling is recorded after the hearing, while it is being drafted."))
    if Ruling.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("The ruling of this case has already been recorded."))
    errors = {
        field: _("Write the ruling in this language.")
        for field, text in (("text_nl", text_nl), ("text_en", text_en))
        if not (text or "").strip()
    }
    if errors:
        raise ValidationError(errors)
    recommendations = list(recommendations or [])
    if outcome == Ruling.Outcome.UNFOUNDED and recommendations:
        raise ValidationError({"recommendations": _("An unfounded complaint leads to no recommendations.")})
    respondents = set(complaint.respondents.values_list("company_id", flat=True))
    if any(company_id not in respondents for company_id, _text, _due in recommendations):
        raise ValidationError({"recommendations": _("Address each recommendation to a respondent company.")})
    ruling = Ruling(
        complaint=complaint,
        outcome=outcome,
        text_nl=text_nl.strip(),
        text_en=text_en.strip(),
        decided_by=actor,
    )
    ruling.full_clean(exclude=["complaint", "decided_by"])
    ruling.save()
    for company_id, text, due_on in recommendations:
        recommendation = Recommendation.objects.create(
            ruling=ruling, company_id=company_id, text=text.strip()[:200], due_on=due_on
        )
        _recommendation_to_action(complaint, recommendation, actor)
    audit_record(actor=actor, action="complaint.ruling", target=complaint, note=outcome)
    for recipients in (respondent_users(complaint), filer_users(complaint), secretariat_users()):
        notify(recipients, "complaint.ruling", complaint)
    email_complainant(
        complaint,
        _("The committee has ruled on your complaint {reference}"),
        _("The complaints committee has ruled on your complaint {reference}. Read the ruling at {link}."),
    )
    return ruling


def _recommendation_to_action(complaint: Complaint, recommendation: Recommendation, actor: Any) -> None:
    risk = Risk.objects.filter(
        company_id=recommendation.company_id, complaint_reference=complaint.reference
    ).first()
    if risk is None:
        theme = complaint.themes.first() or complaint.covenant.themes.first()
        if theme is None:
            return
        risk = risk_from_complaint(
            actor=actor,
            company_id=recommendation.company_id,
            reference=complaint.reference,
            theme_id=theme.pk,
            title=str(_("Complaint %(reference)s")) % {"reference": complaint.reference},
            country=str(complaint.country or ""),
        )
    action = action_from_recommendation(
        actor=actor,
        risk_id=risk.pk,
        reference=complaint.reference,
        title=recommendation.text,
        due_on=recommendation.due_on,
    )
    recommendation.action_id = action.pk
    recommendation.save(update_fields=["action_id"])


def overdue_sweep(now: datetime | None = None) -> int:
    """Alert the secretariat and the assigned committee members, once per stage, of each running
    stage past its due date (a paused case is not overdue). Returns how many were alerted."""
    now = now or timezone.now()
    due = StageRecord.objects.filter(
        ended_at__isnull=True, alerted_at__isnull=True, due_at__lt=now, complaint__paused_since__isnull=True
    ).values_list("pk", flat=True)
    alerted = 0
    for record_id in list(due[:500]):
        with transaction.atomic():
            claimed = StageRecord.objects.filter(pk=record_id, alerted_at__isnull=True).update(alerted_at=now)
            if not claimed:
                continue  # another sweep took it
            record = StageRecord.objects.select_related("complaint__covenant").get(pk=record_id)
            complaint = record.complaint
            params = {"stage": _stage_label(record.stage), "date": as_date(timezone.localdate(record.due_at))}
            notify(secretariat_users(), "complaint.overdue", complaint, **params)
            notify(committee_users(complaint.pk), "complaint.overdue", complaint, **params)
            alerted += 1
    return alerted


def _stage_label(stage: str) -> dict[str, str]:
    return in_each_language(lambda: str(ComplaintStage(stage).label))
