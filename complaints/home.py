"""The complaints sections of the role home pages (registered in `ComplaintsConfig.ready`), each in a
fixed number of queries: a party's running cases by due date, and the secretariat's intake counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from . import selectors
from .models import StageRecord
from .status import FINAL, CaseStatus

SHOWN = 5


def cases_section(request: HttpRequest) -> dict[str, Any]:
    """The reader's running cases, the one due first on top (one query)."""
    cases = selectors.complaint_list_for(request.user, status="open").order_by("stage_due_at", "-created_at")
    return {"complaint_cases": list(cases[: SHOWN + 1]), "complaint_shown": SHOWN}


def secretariat_section(request: HttpRequest) -> dict[str, Any]:
    """Running cases, those waiting for acknowledgement and those past their time frame (one query)."""
    overdue = StageRecord.objects.filter(
        complaint=OuterRef("pk"), ended_at__isnull=True, due_at__lt=timezone.now()
    )
    counts = (
        selectors.complaint_list_for(request.user)
        .order_by()
        .exclude(status__in=FINAL)
        .annotate(is_overdue=Exists(overdue))
        .aggregate(
            running=Count("pk"),
            received=Count("pk", filter=Q(status=CaseStatus.RECEIVED)),
            overdue=Count("pk", filter=Q(is_overdue=True, paused_since__isnull=True)),
        )
    )
    return {"complaint_counts": counts}
