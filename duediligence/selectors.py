"""Every read with rules: who sees which assessment, risk and action, in a fixed number of queries.

A company sees its own; the secretariat sees all; nobody else sees an individual assessment, risk or
action (the committee and government see aggregates only, on the dashboards)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from covenants.models import AnnualCycle
from portal.access import get_visible_or_404
from portal.accounts.roles import Role, role_of

from .models import Action, Assessment, MemberPerformance, Question, Risk, SuspensionReview
from .performance import Category


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


def risks_from_complaints(company_id: int) -> QuerySet[Risk]:
    """The company's register entries that came from admissible complaints (the learning loop): shown
    beside its self-assessment and in the secretariat's review. Only pages already scoped to the
    company (or the secretariat) call this."""
    return (
        Risk.objects.filter(company_id=company_id)
        .exclude(complaint_reference="")
        .select_related("theme")
        .order_by("-created_at", "-pk")
    )


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


def performance_list_for(user: Any) -> QuerySet[MemberPerformance]:
    """Performances: the secretariat all of them; a company its own once shared with it."""
    queryset = MemberPerformance.objects.select_related("company", "covenant").order_by(
        "-year", "covenant__slug", "company__name", "pk"
    )
    if role_of(user) == Role.COMPANY:
        queryset = queryset.exclude(status=MemberPerformance.Status.DRAFT)
    return _scoped(queryset, user)


def performance_get_for(user: Any, performance_id: Any) -> MemberPerformance:
    return get_visible_or_404(performance_list_for(user), pk=performance_id)


@dataclass(frozen=True)
class PublishedPerformance:
    """What the public covenant page shows of a member's latest published performance."""

    year: int
    category: str
    category_label: str
    summary: str
    comment: str


def published_performance(covenant_id: int, company_ids: list[int]) -> dict[int, PublishedPerformance]:
    """The latest published performance of each of these members of the covenant, by company id (one
    query; registered as the covenant page's member-performance provider)."""
    if not company_ids:
        return {}
    rows = (
        MemberPerformance.objects.filter(
            covenant_id=covenant_id, company_id__in=company_ids, status=MemberPerformance.Status.PUBLISHED
        )
        .order_by("company_id", "-year")
        .only("company_id", "year", "category", "summary_nl", "summary_en", "company_comment")
    )
    language = get_language()
    labels = dict(Category.choices)
    latest: dict[int, PublishedPerformance] = {}
    for row in rows:
        if row.company_id not in latest:
            latest[row.company_id] = PublishedPerformance(
                year=row.year,
                category=row.category,
                category_label=str(labels.get(row.category, row.category)),
                summary=row.summary(language),
                comment=row.company_comment,
            )
    return latest


def suspension_review_list_for(user: Any) -> QuerySet[SuspensionReview]:
    """The suspension review queue (the secretariat only): open reviews first, oldest first."""
    if role_of(user) != Role.SECRETARIAT:
        return SuspensionReview.objects.none()
    return SuspensionReview.objects.select_related(
        "membership__company", "membership__covenant", "cycle", "opened_by", "decided_by"
    ).order_by(F("decided_at").desc(nulls_first=True), "opened_at", "pk")


def suspension_review_get_for(user: Any, review_id: Any) -> SuspensionReview:
    return get_visible_or_404(suspension_review_list_for(user), pk=review_id)


@dataclass(frozen=True)
class MissedDeadline:
    cycle: AnnualCycle
    company_id: int
    company_name: str
    days_late: int
    escalated: bool


def missed_deadlines_for(user: Any, today: date | None = None) -> list[MissedDeadline]:
    """Members of open cycles past the deadline without a sent self-assessment, most
    overdue first, with whether they are already on a suspension review for it (the secretariat)."""
    from covenants.models import Membership

    if role_of(user) != Role.SECRETARIAT:
        return []
    today = today or timezone.localdate()
    cycles = list(
        AnnualCycle.objects.filter(status=AnnualCycle.Status.OPEN, self_assessment_due__lt=today)
        .select_related("covenant")
        .order_by("self_assessment_due", "pk")
    )
    if not cycles:
        return []
    members = Membership.objects.current().filter(covenant_id__in=[c.covenant_id for c in cycles])
    by_covenant: dict[int, list[tuple[int, str]]] = {}
    for covenant_id, company_id, name in members.values_list("covenant_id", "company_id", "company__name"):
        by_covenant.setdefault(covenant_id, []).append((company_id, name))
    sent = set(
        Assessment.objects.filter(cycle__in=cycles)
        .exclude(status=Assessment.Status.DRAFT)
        .values_list("cycle_id", "company_id")
    )
    escalated = set(
        SuspensionReview.objects.filter(
            cycle__in=cycles, reason=SuspensionReview.Reason.MISSED_DEADLINE
        ).values_list("cycle_id", "membership__company_id")
    )
    rows = [
        MissedDeadline(
            cycle,
            company_id,
            name,
            (today - cycle.self_assessment_due).days,
            (cycle.pk, company_id) in escalated,
        )
        for cycle in cycles
        for company_id, name in sorted(by_covenant.get(cycle.covenant_id, []), key=lambda r: r[1])
        if (cycle.pk, company_id) not in sent
    ]
    return sorted(rows, key=lambda r: -r.days_late)
