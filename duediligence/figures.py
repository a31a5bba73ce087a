"""Aggregates of a covenant's due diligence for the dashboards and the annual report, one query each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from covenants.models import AnnualCycle, Membership
from covenants.models.common import bilingual

from .models import Action, Assessment, OecdStep, Risk, SectionScore
from .priority import Priority

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


def risk_picture(covenant_id: int, top_countries: int = 8) -> dict[str, Any]:
    """The members' risk registers as themes x countries: per cell the number of companies with such a
    risk and the highest priority among them (one query; the countries of a risk are a list)."""
    members = Membership.objects.filter(covenant_id=covenant_id, status=Membership.Status.ACTIVE).values(
        "company_id"
    )
    rows = Risk.objects.filter(company_id__in=members).values_list(
        "company_id", "theme_id", "theme__name_nl", "theme__name_en", "countries", "priority", "priority_rank"
    )
    companies: dict[tuple[int, str], set[int]] = {}
    highest: dict[tuple[int, str], tuple[int, str]] = {}
    themes: dict[int, tuple[str, str]] = {}
    per_country: dict[str, set[int]] = {}
    for company_id, theme_id, name_nl, name_en, countries, priority, rank in rows:
        themes[theme_id] = (name_nl, name_en)
        codes = countries.split(",") if isinstance(countries, str) else [str(c) for c in countries or []]
        for country in [code for code in codes if code] or ["--"]:
            key = (theme_id, country)
            companies.setdefault(key, set()).add(company_id)
            per_country.setdefault(country, set()).add(company_id)
            if key not in highest or rank > highest[key][0]:
                highest[key] = (rank, str(Priority(priority).label))
    columns = sorted(per_country, key=lambda c: (-len(per_country[c]), c))[:top_countries]
    return {
        "countries": columns,
        "rows": [
            (
                bilingual(*names),
                [
                    (len(companies.get((theme_id, c), ())), highest.get((theme_id, c), (0, ""))[1])
                    for c in columns
                ],
            )
            for theme_id, names in sorted(themes.items(), key=lambda item: item[1][1])
        ],
    }


#: The score bands of the distribution per OECD step: (lowest score, label); a score falls in the
#: last band whose lowest score it reaches.
SCORE_BANDS = ((0, "0-24"), (25, "25-49"), (50, "50-74"), (75, "75-100"))


def step_scores(cycle: AnnualCycle) -> list[dict[str, Any]]:
    """Per OECD step, over the cycle's accepted self-assessments: how many companies fall in each score
    band and their average. A company's step score is the weighted average of its section scores in
    that step (the reviewer's score where given, else the computed one); one query."""
    rows = SectionScore.objects.filter(assessment__cycle=cycle, assessment__status=A.ACCEPTED).values_list(
        "assessment_id", "section__step", "score", "proposed", "section__weight"
    )
    earned: dict[tuple[int, int], Decimal] = {}
    weights: dict[tuple[int, int], int] = {}
    for assessment_id, step, score, proposed, weight in rows:
        value = score if score is not None else proposed
        if value is None or not weight:
            continue
        key = (step, assessment_id)
        earned[key] = earned.get(key, Decimal(0)) + value * weight
        weights[key] = weights.get(key, 0) + weight
    result = []
    for step in OecdStep:
        scores = [earned[key] / weights[key] for key in earned if key[0] == step.value]
        bands = [0] * len(SCORE_BANDS)
        for value in scores:
            bands[max(i for i, (low, _label) in enumerate(SCORE_BANDS) if value >= low)] += 1
        result.append(
            {
                "step": step.value,
                "label": str(step.label),
                "companies": len(scores),
                "bands": [(label, count) for (_low, label), count in zip(SCORE_BANDS, bands, strict=True)],
                "average": (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1"))
                if scores
                else None,
            }
        )
    return result
