"""The due-diligence section of a company's home page: this cycle's self-assessments with their
deadline, its top risks, and its actions overdue or due within a month (three queries)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from covenants.models import AnnualCycle

from . import selectors
from .models import Action

TOP_RISKS = 3
ACTIONS_SHOWN = 5
SOON = timedelta(days=30)


def company_section(request: HttpRequest) -> Mapping[str, Any]:
    today = timezone.localdate()
    assessments = list(
        selectors.assessment_list_for(request.user)
        .filter(cycle__status=AnnualCycle.Status.OPEN)
        .select_related("cycle", "covenant")
        .order_by("cycle__self_assessment_due", "pk")
    )
    risks = list(
        selectors.risk_list_for(request.user)
        .select_related("theme")
        .order_by("-priority_rank", "pk")[:TOP_RISKS]
    )
    actions = list(
        selectors.action_list_for(request.user)
        .filter(Q(due_on__lte=today + SOON))
        .exclude(status__in=[Action.Status.DONE, Action.Status.CANCELLED])
        .order_by("due_on", "pk")[: ACTIONS_SHOWN + 1]
    )
    return {
        "dd_assessments": assessments,
        "dd_risks": risks,
        "dd_actions": actions[:ACTIONS_SHOWN],
        "dd_more_actions": len(actions) > ACTIONS_SHOWN,
        "dd_today": today,
    }
