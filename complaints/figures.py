"""Aggregates of the complaint mechanism for the home pages, the dashboards and the annual report."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import Complaint, StageRecord
from .status import FINAL, CaseStatus

RUNNING = [status for status in CaseStatus if status not in FINAL]


def running_counts(cases: QuerySet[Complaint], **extra: Any) -> dict[str, Any]:
    """Of `cases`: the running ones, those past their time frame (not paused), and one count per
    running status as `s_<status>`, plus any `extra` aggregates, in one query."""
    overdue = StageRecord.objects.filter(
        complaint=OuterRef("pk"), ended_at__isnull=True, due_at__lt=timezone.now()
    )
    running = ~Q(status__in=FINAL)
    return (
        cases.order_by()
        .annotate(is_overdue=Exists(overdue))
        .aggregate(
            running=Count("pk", filter=running),
            overdue=Count("pk", filter=running & Q(is_overdue=True, paused_since__isnull=True)),
            **{f"s_{status.value}": Count("pk", filter=Q(status=status)) for status in RUNNING},
            **extra,
        )
    )


def complaint_figures(covenant_id: int, year: int) -> dict[str, Any]:
    """A covenant's running cases per status (in procedure order), those past their time frame, and
    the cases filed and ended in `year` (one query)."""
    counts = running_counts(
        Complaint.objects.filter(covenant_id=covenant_id),
        filed=Count("pk", filter=Q(created_at__year=year)),
        ended=Count("pk", filter=Q(closed_at__year=year)),
    )
    counts["by_status"] = [
        (status.value, str(status.label), counts.pop(f"s_{status.value}")) for status in RUNNING
    ]
    return counts
