"""Scale data for due diligence: this cycle's self-assessments of the scale members, their risk
registers and action plans (`manage.py seed_scale`; see portal/core/scale_data.py). Most assessments are
in review or accepted by now, a fifth still in draft; large companies register more risks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from covenants.models import AnnualCycle, Covenant, Membership
from portal.core.bulk_insert import insert_rows
from portal.core.scale_data import SCALE_DOMAIN, SCALE_PREFIX, Log, ScalePlan, skewed_counts, weighted

from .models import Action, Assessment, Framework, Risk, Section, SectionScore

STATUSES = [("draft", 20), ("submitted", 15), ("under_review", 10), ("changes_requested", 5),
            ("resubmitted", 5), ("accepted", 45)]  # fmt: skip
COUNTRIES = ["CN", "BD", "IN", "TR", "VN", "PK", "KH", "MM", "BR", "ID"]
ACTION_STATUS = [("planned", 35), ("in_progress", 40), ("done", 20), ("cancelled", 5)]


def seed(plan: ScalePlan, *, log: Log) -> str:
    if Risk.objects.filter(company__name__startswith=SCALE_PREFIX).exists():
        return "already there"
    rng = plan.rng("duediligence")
    today = timezone.localdate()
    assessments = []
    scored: list[tuple[Assessment, list[int]]] = []
    for covenant in Covenant.objects.filter(status=Covenant.Status.ACTIVE).order_by("pk"):
        cycle = AnnualCycle.objects.filter(covenant=covenant).order_by("-year").first()
        framework = Framework.objects.filter(covenant=covenant, status=Framework.Status.PUBLISHED).order_by("-version").first()  # fmt: skip
        if cycle is None or framework is None:
            continue
        sections = list(Section.objects.filter(framework=framework).values_list("pk", flat=True))
        companies = Membership.objects.filter(
            covenant=covenant, status="active", contact_email__endswith=f"@{SCALE_DOMAIN}"
        ).values_list("company_id", flat=True)
        for company_id in companies:
            (status,) = weighted(rng, STATUSES)
            assessment = Assessment(company_id=company_id, covenant=covenant, cycle=cycle, framework=framework,
                                    status=status, score=Decimal(rng.randrange(20, 96)) if status == "accepted" else None)  # fmt: skip
            assessments.append(assessment)
            if status != "draft":
                scored.append((assessment, sections))
    Assessment.objects.bulk_create(assessments, batch_size=1000)
    score_rows = []
    for assessment, sections in scored:
        level = rng.randrange(15, 90)
        for section in sections:
            proposed = Decimal(max(0, min(100, level + rng.randrange(-25, 26))))
            score_rows.append(
                (assessment.pk, section, proposed, proposed if assessment.status == "accepted" else None)
            )
    insert_rows(SectionScore, ["assessment_id", "section_id", "proposed", "score"], score_rows)

    members = list(
        Membership.objects.filter(status="active", contact_email__endswith=f"@{SCALE_DOMAIN}")
        .order_by("pk")
        .values_list("company_id", "covenant_id")
    )
    themes: dict[int, list[int]] = {}
    for covenant_id, theme_id in Covenant.themes.through.objects.values_list("covenant_id", "risktheme_id"):
        themes.setdefault(covenant_id, []).append(theme_id)
    risks = []
    counts = skewed_counts(5 * len(members), len(members), rng, least=2)
    for (company_id, covenant_id), count in zip(members, counts, strict=True):
        pool = themes.get(covenant_id)
        if not pool:
            continue
        for n in range(min(count, 40)):
            risk = Risk(company_id=company_id, theme_id=rng.choice(pool), title=f"Risk {n + 1} in the supply chain",
                        involvement=rng.choice(["caused", "contributed", "linked", "linked", "linked"]),
                        countries=",".join(rng.sample(COUNTRIES, rng.randint(1, 3))), scale=rng.randint(1, 4),
                        scope=rng.randint(1, 3), irremediable=rng.randint(1, 4), likelihood=rng.randint(1, 4))  # fmt: skip
            risks.append(risk.rank())
    Risk.objects.bulk_create(risks, batch_size=1000)
    actions = []
    for risk in risks:
        for _ in range(rng.choice([1, 1, 2])):
            (status,) = weighted(rng, ACTION_STATUS)
            due = today + timedelta(days=rng.randrange(-120, 240))
            actions.append(Action(company_id=risk.company_id, risk=risk, title="Remediation and prevention step",
                                  owner="CSR manager", status=status,
                                  starts_on=due - timedelta(days=rng.randrange(30, 400)), due_on=due,
                                  progress=100 if status == "done" else rng.randrange(0, 90, 10)))  # fmt: skip
    Action.objects.bulk_create(actions, batch_size=1000)
    return f"{len(assessments)} self-assessments, {len(score_rows)} section scores, {len(risks)} risks, {len(actions)} actions"
