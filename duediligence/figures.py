"""Aggregates of a covenant's due diligence for the dashboards and the annual report, one query each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from covenants.models import AnnualCycle, Membership

from .models import Action, Assessment

A = Assessment.Status


def assessment_figures(cycle: AnnualCycle, today: date | None = None) -> dict[str, Any]:
    """The cycle's self-assessments by status, the members that have not started one, the reviews past
    the cycle's review date and the average accepted score."""
    today = today or timezone.localdate()
    counts = Assessment.objects.filter(cycle=cycle).aggregate(
        total=Count("pk"),
        draft=Count("pk", filter=Q(status=A.DRAFT)),
        awaiting_review=Count("pk", filter=Q(status__in=Assessment.AWAITING_REVIEW)),
        changes_requested=Count("pk", filter=Q(status=A.CHANGES_REQUESTED)),
        accepted=Count("pk", filter=Q(status=A.ACCEPTED)),
        average_score=Avg("score", filter=Q(status=A.ACCEPTED)),
    )
    members = Membership.objects.filter(covenant_id=cycle.covenant_id, status=Membership.Status.ACTIVE)
    counts["not_started"] = members.exclude(company__assessments__cycle=cycle).count()
    counts["reviews_overdue"] = counts["awaiting_review"] if today > cycle.review_due else 0
    return counts


def action_figures(covenant_id: int, today: date | None = None) -> dict[str, int]:
    """The action plans of the covenant's active members: open on time, overdue, done."""
    today = today or timezone.localdate()
    members = Membership.objects.filter(covenant_id=covenant_id, status=Membership.Status.ACTIVE).values(
        "company_id"
    )
    open_actions = ~Q(status__in=[Action.Status.DONE, Action.Status.CANCELLED])
    return Action.objects.filter(company_id__in=members).aggregate(
        on_time=Count("pk", filter=open_actions & Q(due_on__gte=today)),
        overdue=Count("pk", filter=open_actions & Q(due_on__lt=today)),
        done=Count("pk", filter=Q(status=Action.Status.DONE)),
    )
