"""The secretariat's review: scores per section (computed, then adjusted with a reason), feedback per
question, and the decision (accept with the total score, or request changes with the overall feedback)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record

from .. import scoring
from ..models import Assessment, Question, QuestionFeedback, Section, SectionScore
from ._common import require_secretariat
from .assessments import assessment_transition
from .performance import performance_open


def computed_scores(assessment: Assessment) -> dict[int, Decimal | None]:
    """The score of every section of the assessment's framework by the rules of `scoring`, by section id."""
    questions = list(
        Question.objects.filter(section__framework_id=assessment.framework_id).select_related("section")
    )
    rules = [
        scoring.QuestionRule(
            code=q.code,
            section=str(q.section_id),
            answer_type=q.answer_type,
            weight=q.weight,
            choice_points={code: points for code, _label, points in q.choice_options()},
        )
        for q in questions
    ]
    codes = {q.pk: q.code for q in questions}
    answers = {
        codes[a.question_id]: scoring.GivenAnswer(choice=a.choice, has_evidence=bool(a.evidence))
        for a in assessment.answers.all()
        if a.question_id in codes
    }
    return {int(section): score for section, score in scoring.section_scores(rules, answers).items()}


def review_total(assessment: Assessment) -> Decimal | None:
    """The total from the section scores that count (the reviewer's, else the computed ones)."""
    scores = {
        str(s.section_id): s.score if s.score is not None else s.proposed
        for s in SectionScore.objects.filter(assessment=assessment)
    }
    weights = {
        str(pk): weight
        for pk, weight in Section.objects.filter(framework_id=assessment.framework_id).values_list(
            "pk", "weight"
        )
    }
    return scoring.total_score(scores, weights)


@transaction.atomic
def review_start(*, actor: Any, assessment_id: int) -> Assessment:
    """Take a submitted assessment into review, with the computed score of every section proposed. A
    resubmission keeps the reviewer's earlier scores and reasons; the proposals follow the new answers."""
    require_secretariat(actor)
    assessment = assessment_transition(
        actor=actor, assessment_id=assessment_id, to=Assessment.Status.UNDER_REVIEW
    )
    for section_id, proposed in computed_scores(assessment).items():
        SectionScore.objects.update_or_create(
            assessment=assessment, section_id=section_id, defaults={"proposed": proposed}
        )
    return assessment


def _under_review(assessment_id: int) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment_id)
    if assessment.status != Assessment.Status.UNDER_REVIEW:
        raise ValidationError(_("Take the self-assessment into review first."), code="not_under_review")
    return assessment


def _score(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        score = Decimal(-1)
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": _("Give a score from 0 to 100.")})
    return score.quantize(Decimal("0.01"))


@transaction.atomic
def section_score_set(
    *, actor: Any, assessment_id: int, section_id: int, score: Any, reason: str = ""
) -> SectionScore:
    """The reviewer's score of one section; a score other than the computed one needs its reason."""
    require_secretariat(actor)
    assessment = _under_review(assessment_id)
    row = (
        SectionScore.objects.select_for_update().filter(assessment=assessment, section_id=section_id).first()
    )
    if row is None:
        raise ValidationError(_("This section is not part of this self-assessment."), code="wrong_section")
    value = _score(score)
    if value is not None and value != row.proposed and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for adjusting the computed score.")})
    row.score, row.reason, row.updated_by = value, reason.strip(), actor
    row.save()
    return row


@transaction.atomic
def question_feedback_set(
    *, actor: Any, assessment_id: int, question_id: int, text: str
) -> QuestionFeedback | None:
    """The reviewer's feedback on one answer (empty text removes it). The company sees it with the decision."""
    require_secretariat(actor)
    assessment = _under_review(assessment_id)
    if not Question.objects.filter(pk=question_id, section__framework_id=assessment.framework_id).exists():
        raise ValidationError(_("This question is not part of this self-assessment."), code="wrong_question")
    if not text.strip():
        QuestionFeedback.objects.filter(assessment=assessment, question_id=question_id).delete()
        return None
    feedback, _created = QuestionFeedback.objects.update_or_create(
        assessment=assessment, question_id=question_id, defaults={"text": text.strip(), "author": actor}
    )
    return feedback


@transaction.atomic
def review_decide(*, actor: Any, assessment_id: int, accept: bool, note: str = "") -> Assessment:
    """Accept with the total score, or request changes with the overall feedback (`note`)."""
    require_secretariat(actor)
    assessment = _under_review(assessment_id)
    if not accept:
        return assessment_transition(
            actor=actor, assessment_id=assessment.pk, to=Assessment.Status.CHANGES_REQUESTED, note=note
        )
    total = review_total(assessment)
    if total is None:
        raise ValidationError(_("Score at least one section before accepting."), code="no_score")
    decided = assessment_transition(
        actor=actor, assessment_id=assessment.pk, to=Assessment.Status.ACCEPTED, note=note, score=total
    )
    audit_record(actor=actor, action="assessment.scored", target=decided, note=str(total))
    performance_open(decided)
    return decided


def submission_changes(assessment: Assessment) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(question code, as sent before, as sent now) for every answer that changed between the last two
    submissions; empty before the second one."""
    sent = list(
        assessment.events.filter(to_status__in=[Assessment.Status.SUBMITTED, Assessment.Status.RESUBMITTED])
        .order_by("-created_at", "-pk")
        .values_list("snapshot", flat=True)[:2]
    )
    if len(sent) < 2:
        return []
    now, before = sent
    codes = sorted(set(now) | set(before))
    return [
        (code, before.get(code, {}), now.get(code, {})) for code in codes if before.get(code) != now.get(code)
    ]
