"""Every read with rules: who sees which assessment, risk and action, in a fixed number of queries.

A company sees its own; the secretariat sees all; nobody else sees an individual assessment, risk or
action (the committee and government see aggregates only, on the dashboards)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from covenants.models import AnnualCycle
from portal.access import get_visible_or_404
from portal.accounts.roles import Role, role_of

from .models import Action, Assessment, Question, Risk


def _scoped(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return queryset
    if role == Role.COMPANY and getattr(user, "organisation_id", None):
        return queryset.filter(company_id=user.organisation_id)
    return queryset.none()


def assessment_list_for(user: Any) -> QuerySet[Assessment]:
    """The assessments this user may see, with what a list shows."""
    queryset = Assessment.objects.select_related("company", "covenant", "cycle", "framework")
    return _scoped(queryset, user)


def assessment_get_for(user: Any, assessment_id: Any) -> Assessment:
    """The assessment, or Http404 when it does not exist or the user may not see it."""
    return get_visible_or_404(assessment_list_for(user), pk=assessment_id)


def risk_list_for(user: Any) -> QuerySet[Risk]:
    """The risks this user may see, most urgent first."""
    return _scoped(Risk.objects.select_related("theme"), user).order_by("-priority_rank", "pk")


def risk_get_for(user: Any, risk_id: Any) -> Risk:
    return get_visible_or_404(risk_list_for(user), pk=risk_id)


def action_list_for(user: Any) -> QuerySet[Action]:
    """The actions this user may see, soonest due first."""
    return _scoped(Action.objects.select_related("risk"), user).order_by("due_on", "pk")


def action_get_for(user: Any, action_id: Any) -> Action:
    return get_visible_or_404(action_list_for(user), pk=action_id)


def pending_review_count(cycle: AnnualCycle) -> int:
    """How many of the cycle's assessments wait for the secretariat (the cycle's "pending reviews")."""
    return Assessment.objects.filter(cycle=cycle, status__in=Assessment.AWAITING_REVIEW).count()


def startable_cycles_for(user: Any) -> QuerySet[AnnualCycle]:
    """The open cycles with a framework, of the covenants the user's company is a current member of,
    for which it has not started its self-assessment yet."""
    from covenants.models import Membership

    if role_of(user) != Role.COMPANY or not getattr(user, "organisation_id", None):
        return AnnualCycle.objects.none()
    member_of = Membership.objects.current().filter(company_id=user.organisation_id).values("covenant_id")
    return (
        AnnualCycle.objects.filter(
            status=AnnualCycle.Status.OPEN, covenant_id__in=member_of, framework_choice__isnull=False
        )
        .exclude(assessments__company_id=user.organisation_id)
        .select_related("covenant")
        .order_by("self_assessment_due", "pk")
    )


def step_questions(assessment: Assessment, step: int) -> QuerySet[Question]:
    """The questions of one OECD step of the assessment's framework, in order, with their section."""
    return (
        Question.objects.filter(section__framework_id=assessment.framework_id, section__step=step)
        .select_related("section")
        .order_by("section__position", "section__code", "position", "code")
    )
