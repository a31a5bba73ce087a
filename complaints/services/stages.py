"""The clock of a case: one `StageRecord` per stage, due after the covenant's indicative time frame,
held while the case is paused (waiting for a party), and alerted once when it runs over."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from covenants.models import DEFAULT_COMPLAINT_DAYS

from ..models import Complaint, StageRecord
from ..status import stage_of


def frame_days(complaint: Complaint, stage: str) -> int:
    frames = complaint.covenant.complaint_time_frames or {}
    return int(frames.get(stage, DEFAULT_COMPLAINT_DAYS[stage]))


def open_stage(complaint: Complaint) -> StageRecord | None:
    return StageRecord.objects.filter(complaint=complaint, ended_at__isnull=True).first()


def _close(record: StageRecord, complaint: Complaint, now: datetime) -> None:
    if complaint.paused_since is not None:
        record.paused_seconds += int((now - complaint.paused_since).total_seconds())
        record.due_at += now - complaint.paused_since
    record.ended_at = now
    record.save(update_fields=["ended_at", "paused_seconds", "due_at"])


def enter(complaint: Complaint, status: str, now: datetime | None = None, *, fresh: bool = False) -> None:
    """Run the clock of the stage `status` belongs to: a new stage closes the previous one and starts
    its own time frame; a status within the same stage keeps the running clock; an end stops it.
    Call inside the transaction that moves the case (it is locked); `fresh` for a case just stored."""
    now = now or timezone.now()
    stage = stage_of(status)
    current = None if fresh else open_stage(complaint)
    if current is not None and stage is not None and current.stage == stage:
        return
    if current is not None:
        _close(current, complaint, now)
    if complaint.paused_since is not None:  # a move ends a pause: the new stage starts its own clock
        complaint.paused_since, complaint.pause_reason = None, ""
        complaint.save(update_fields=["paused_since", "pause_reason"])
    if stage is not None:
        StageRecord.objects.create(
            complaint=complaint,
            stage=stage,
            started_at=now,
            due_at=now + timedelta(days=frame_days(complaint, stage)),
        )


def resume(complaint: Complaint, now: datetime) -> None:
    """End a pause: the open stage's due date moves on by the time the case was paused."""
    record = open_stage(complaint)
    if record is not None and complaint.paused_since is not None:
        held = now - complaint.paused_since
        record.paused_seconds += int(held.total_seconds())
        record.due_at += held
        record.save(update_fields=["paused_seconds", "due_at"])


def due_at(complaint: Complaint, record: StageRecord | None, now: datetime | None = None) -> datetime | None:
    """When the running stage is due, counting a pause still going on."""
    if record is None:
        return None
    if complaint.paused_since is not None:
        return record.due_at + ((now or timezone.now()) - complaint.paused_since)
    return record.due_at
