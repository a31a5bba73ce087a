"""Demo data: the default framework for the garment covenant, last year's accepted self-assessment and
this year's draft of Demo Textiles, its risk register and action plan, and Voorbeeld Mode's submitted
self-assessment waiting for review. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from companies.models import SupplyLink
from covenants.models import AnnualCycle, Covenant, RiskTheme
from portal.accounts.models import Organisation, User

from . import services
from .frameworks.default import DEFAULT_FRAMEWORK
from .models import Answer, Assessment, AssessmentEvent, CycleFramework, Framework, Question, Risk
from .quickscan.loading import load_dataset

COMPANY_1 = "Demo Textiles B.V."
COMPANY_2 = "Voorbeeld Mode B.V."

#: (theme, title, countries, involvement, actual, scale, scope, irremediable, likelihood, status)
RISKS: list[tuple[str, str, list[str], str, bool, int, int, int, int, str]] = [
    ("child-labour", "Kinderarbeid in katoenspinnerijen (niveau 2)", ["IN"], "linked", False, 4, 2, 4, 2, "addressed"),
    ("living-wage", "Lonen onder een leefbaar loon bij confectieleveranciers", ["BD", "PK"], "contributed", True, 3, 4, 2, 4, "addressed"),
    ("freedom-of-association", "Vakbondsleden ontslagen bij een leverancier", ["BD"], "linked", True, 3, 2, 3, 3, "identified"),
    ("health-safety", "Gebouw- en brandveiligheid in kledingfabrieken", ["BD"], "contributed", False, 4, 3, 4, 2, "mitigated"),
    ("forced-labour", "Dwangarbeid in de katoenketen", ["CN"], "linked", False, 4, 3, 3, 1, "identified"),
    ("discrimination-gender", "Seksuele intimidatie van vrouwelijke werknemers", ["IN", "VN"], "linked", False, 3, 3, 2, 3, "addressed"),
    ("environment", "Afvalwater van ververijen in rivieren", ["TR", "IN"], "linked", False, 2, 3, 2, 3, "addressed"),
    ("health-safety", "Buitensporig overwerk in het hoogseizoen", ["TR", "PT"], "caused", False, 2, 2, 1, 3, "addressed"),
]  # fmt: skip


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _framework(garments: Covenant, secretariat: User) -> Framework:
    framework = (
        Framework.objects.filter(covenant=garments, status=Framework.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if framework is None:
        draft = services.framework_create_from_data(
            actor=secretariat, covenant=garments, data=dict(DEFAULT_FRAMEWORK)
        )
        framework = services.framework_publish(actor=secretariat, framework_id=draft.pk)
    return framework


def _last_year(garments: Covenant) -> AnnualCycle:
    year = timezone.localdate().year - 1
    cycle = AnnualCycle.objects.filter(covenant=garments, year=year).first()
    if cycle is None:
        cycle = AnnualCycle.objects.create(
            covenant=garments, year=year, status=AnnualCycle.Status.CLOSED,
            starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), self_assessment_due=date(year, 3, 31),
            locations_due=date(year, 5, 31), review_due=date(year, 6, 30), list_publication_due=date(year, 7, 4),
            annual_report_due=date(year, 12, 15),
        )  # fmt: skip
    return cycle


def _answers(assessment: Assessment, actor: User, *, partly_every: int = 0) -> None:
    """Complete answers to every question (every n-th yes/no question answered "partly")."""
    have = set(assessment.answers.values_list("question_id", flat=True))
    answers = []
    for n, question in enumerate(
        Question.objects.filter(section__framework=assessment.framework).order_by("pk")
    ):
        if question.pk in have:
            continue
        answer = Answer(
            assessment=assessment, question=question, updated_by=actor, text="Zie ons beleid en jaarverslag."
        )
        if question.answer_type == "yes_partly_no":
            answer.choice = "partly" if partly_every and n % partly_every == 0 else "yes"
        elif question.answer_type == "choice":
            answer.choice = question.choice_options()[-2][0]
        elif question.answer_type == "number":
            answer.number = Decimal(80)
        elif question.answer_type == "evidence":
            answer.evidence_name = "beleid.pdf"
            continue  # a demo file would be a fake document; the evidence stays to attach
        answers.append(answer)
    Answer.objects.bulk_create(answers)


def _accepted_last_year(
    company: Organisation, user: User, secretariat: User, framework: Framework, cycle: AnnualCycle
) -> None:
    if Assessment.objects.filter(company=company, cycle=cycle).exists():
        return
    assessment = Assessment.objects.create(
        company=company, covenant=cycle.covenant, cycle=cycle, framework=framework
    )
    CycleFramework.objects.get_or_create(cycle=cycle, defaults={"framework": framework})
    _answers(assessment, user, partly_every=3)
    when = timezone.make_aware(datetime(cycle.year, 3, 20, 10, 0))
    moves = [
        ("draft", "submitted", user),
        ("submitted", "under_review", secretariat),
        ("under_review", "accepted", secretariat),
    ]
    for days, (source, target, actor) in enumerate(moves):
        AssessmentEvent.objects.create(
            assessment=assessment,
            actor=actor,
            from_status=source,
            to_status=target,
            created_at=when + timedelta(days=30 * days),
        )
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.ACCEPTED, score=Decimal("68.50")
    )
    assessment.refresh_from_db()
    _published_performance(assessment, user, secretariat)


def _published_performance(assessment: Assessment, user: User, secretariat: User) -> None:
    """Last year's check, summarised, commented on by the company and published on the covenant page."""
    performance = services.performance_open(assessment)
    services.performance_update(
        actor=secretariat,
        performance_id=performance.pk,
        summary_nl=(
            "Demo Textiles heeft zijn risico's in kaart gebracht tot op het niveau van de spinnerijen en "
            "werkt met een actieplan met data en eigenaren. Verbetering is nodig bij het meten van de "
            "effectiviteit van de maatregelen en bij het betrekken van werknemers bij herstel."
        ),
        summary_en=(
            "Demo Textiles has mapped its risks down to the spinning mills and works with an action plan "
            "with dates and owners. It needs to improve how it measures whether its measures work and "
            "how it involves workers in remediation."
        ),
    )
    services.performance_share(actor=secretariat, performance_id=performance.pk)
    services.performance_comment(
        actor=user,
        performance_id=performance.pk,
        comment="We have started a worker survey at our two largest suppliers to measure effectiveness.",
    )
    services.performance_publish(actor=secretariat, performance_id=performance.pk)


def _register(company: Organisation, user: User) -> None:
    if Risk.objects.filter(company=company).exists():
        return
    own = list(SupplyLink.objects.filter(company=company).values_list("location_id", flat=True)[:3])
    today = timezone.localdate()
    for n, (
        theme,
        title,
        countries,
        involvement,
        actual,
        scale,
        scope,
        irremediable,
        likelihood,
        status,
    ) in enumerate(RISKS):
        risk = services.risk_create(
            actor=user, theme=RiskTheme.objects.get(code=theme, is_standard=True), title=title, countries=countries,
            involvement=involvement, actual=actual, scale=scale, scope=scope, irremediable=irremediable,
            likelihood=likelihood, status=status, locations=own[n % 3 : n % 3 + 1] if own else None,
        )  # fmt: skip
        if n >= 5:
            continue
        remedy = (
            "Achterstallig loon terugbetaald aan 140 werknemers."
            if risk.calls_for_remediation and actual
            else ""
        )
        action = services.action_create(
            actor=user, risk_id=risk.pk, title=f"Plan: {title}", owner="MVO-manager",
            starts_on=today - timedelta(days=200), due_on=today + timedelta(days=60 + 30 * n), remediation=remedy,
        )  # fmt: skip
        services.action_progress_add(
            actor=user,
            action_id=action.pk,
            on=today - timedelta(days=120),
            note="Gesprek met de leverancier gevoerd.",
            percentage=20,
        )
        services.action_progress_add(
            actor=user,
            action_id=action.pk,
            on=today - timedelta(days=30),
            note="Verbeterplan afgesproken.",
            percentage=20 + 10 * n,
        )
    overdue_risk = Risk.objects.filter(company=company).order_by("-priority_rank").first()
    assert overdue_risk is not None
    services.action_create(
        actor=user, risk_id=overdue_risk.pk, title="Onafhankelijke audit van de spinnerij", owner="Inkoop",
        starts_on=today - timedelta(days=90), due_on=today - timedelta(days=10),
    )  # fmt: skip


def seed(*, password: str, log: Any) -> None:
    garments = Covenant.objects.get(slug="garments-textile")
    secretariat = _user("secretariat@demo.example")
    framework = _framework(garments, secretariat)
    current = AnnualCycle.objects.filter(covenant=garments, status=AnnualCycle.Status.OPEN).first()
    if current is not None and not CycleFramework.objects.filter(cycle=current).exists():
        services.cycle_framework_set(actor=secretariat, cycle=current, framework=framework)
    first, second = _user("company@demo.example"), _user("company2@demo.example")
    assert first.organisation is not None and second.organisation is not None
    _accepted_last_year(first.organisation, first, secretariat, framework, _last_year(garments))
    if current is not None:
        services.assessment_start(actor=first, cycle=current, carry_over=True)
        if not Assessment.objects.filter(company=second.organisation, cycle=current).exists():
            waiting = services.assessment_start(actor=second, cycle=current)
            _answers(waiting, second)
            Assessment.objects.filter(pk=waiting.pk).update(status=Assessment.Status.SUBMITTED)
            AssessmentEvent.objects.create(
                assessment=waiting, actor=second, from_status="draft", to_status="submitted"
            )
    _register(first.organisation, first)
    # The quick scan's dataset (normally loaded by migration 0006; after a flush, again from the file).
    load_dataset()
    log(
        "  due diligence: the quick scan dataset, the default framework, self-assessments, a risk register and an action plan"
    )
