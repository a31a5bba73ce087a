"""The complaints sections of the role home pages (registered in `ComplaintsConfig.ready`), each in a
fixed number of queries: a party's running cases by due date, and the secretariat's intake counts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import selectors
from .figures import running_counts
from .status import CaseStatus

SHOWN = 5


def cases_section(request: HttpRequest) -> dict[str, Any]:
    """The reader's running cases, the one due first on top (one query)."""
    cases = selectors.complaint_list_for(request.user, status="open").order_by("stage_due_at", "-created_at")
    return {"complaint_cases": list(cases[: SHOWN + 1]), "complaint_shown": SHOWN}


def secretariat_section(request: HttpRequest) -> dict[str, Any]:
    """Running cases, those waiting for acknowledgement and those past their time frame (one query)."""
    counts = running_counts(selectors.complaint_list_for(request.user))
    counts["received"] = counts[f"s_{CaseStatus.RECEIVED.value}"]
    return {"complaint_counts": counts}
