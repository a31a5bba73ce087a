"""Aggregates of a covenant's complaint mechanism for the dashboards and the annual report."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .models import Complaint, StageRecord
from .status import FINAL, CaseStatus


def complaint_figures(covenant_id: int, year: int) -> dict[str, object]:
    """Running cases per status (in procedure order), those past their time frame, and the cases filed
    and ended in `year` (one query)."""
    overdue = StageRecord.objects.filter(
        complaint=OuterRef("pk"), ended_at__isnull=True, due_at__lt=timezone.now()
    )
    running = ~Q(status__in=FINAL)
    counts = (
        Complaint.objects.filter(covenant_id=covenant_id)
        .annotate(is_overdue=Exists(overdue))
        .aggregate(
            running=Count("pk", filter=running),
            overdue=Count("pk", filter=running & Q(is_overdue=True, paused_since__isnull=True)),
            filed=Count("pk", filter=Q(created_at__year=year)),
            ended=Count("pk", filter=Q(closed_at__year=year)),
            **{
                f"s_{status.value}": Count("pk", filter=Q(status=status))
                for status in CaseStatus
                if status not in FINAL
            },
        )
    )
    counts["by_status"] = [
        (status.value, status.label, counts.pop(f"s_{status.value}"))
        for status in CaseStatus
        if status not in FINAL
    ]
    return counts
