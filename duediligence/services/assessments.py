"""Self-assessments: start (optionally from last year's accepted answers), save an answer, move the
status. The only writers of assessments, answers and their events."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import AnnualCycle, Membership
from covenants.workflow import TransitionNotAllowed
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record

from .. import workflow
from ..models import Answer, AnswerType, Assessment, AssessmentEvent, CycleFramework, Question
from ._common import attach_evidence, require_company

YES_PARTLY_NO = ("yes", "partly", "no")


class AnswerConflict(ValidationError):
    """The answer was saved elsewhere (another tab) after this copy was loaded: nothing was overwritten.
    `stored` holds the answer as it is now, so both can be shown."""

    def __init__(self, stored: Answer) -> None:
        super().__init__(
            _("This answer was changed elsewhere after you opened it. Compare both and save again."),
            code="conflict",
        )
        self.stored = stored


@dataclass(frozen=True)
class Missing:
    """A required question without a complete answer, for the list shown on submitting."""

    question: Question
    reason: str


@transaction.atomic
def assessment_start(*, actor: Any, cycle: AnnualCycle, carry_over: bool = False) -> Assessment:
    """The actor's company's assessment for an open cycle of a covenant it is a current member of (the
    existing one when it has started already). With `carry_over`, last year's accepted answers to the
    questions of the same code are the starting point."""
    company_id = require_company(actor)
    existing = Assessment.objects.filter(company_id=company_id, cycle=cycle).first()
    if existing is not None:
        return existing
    if cycle.status != AnnualCycle.Status.OPEN:
        raise ValidationError(_("This cycle is not open for self-assessments."), code="cycle_not_open")
    if not Membership.objects.current().filter(company_id=company_id, covenant_id=cycle.covenant_id).exists():
        raise ValidationError(_("Your company is not a member of this covenant."), code="not_member")
    choice = CycleFramework.objects.filter(cycle=cycle).select_related("framework").first()
    if choice is None:
        raise ValidationError(
            _("The secretariat has not yet set the framework of this cycle."), code="no_framework"
        )
    assessment = Assessment.objects.create(
        company_id=company_id, covenant_id=cycle.covenant_id, cycle=cycle, framework=choice.framework
    )
    if carry_over:
        _carry_over(assessment, actor)
    audit_record(actor=actor, action="assessment.started", target=assessment)
    return assessment


def _carry_over(assessment: Assessment, actor: Any) -> None:
    previous = (
        Assessment.objects.filter(
            company_id=assessment.company_id,
            covenant_id=assessment.covenant_id,
            status=Assessment.Status.ACCEPTED,
        )
        .exclude(pk=assessment.pk)
        .order_by("-cycle__year")
        .first()
    )
    if previous is None:
        return
    questions = {q.code: q for q in Question.objects.filter(section__framework=assessment.framework)}
    answers = []
    for old in previous.answers.select_related("question"):
        question = questions.get(old.question.code)
        if question is None or question.answer_type != old.question.answer_type:
            continue
        answers.append(
            Answer(
                assessment=assessment,
                question=question,
                choice=old.choice,
                text=old.text,
                number=old.number,
                updated_by=actor,
            )
        )
    Answer.objects.bulk_create(answers)
    assessment.carried_over_from = previous
    assessment.save(update_fields=["carried_over_from"])


def _clean_value(question: Question, choice: str, text: str, number: Any) -> tuple[str, str, Decimal | None]:
    errors: dict[str, Any] = {}
    value: Decimal | None = None
    kind = question.answer_type
    if kind == AnswerType.YES_PARTLY_NO and choice and choice not in YES_PARTLY_NO:
        errors["choice"] = _("Choose yes, partly or no.")
    if (
        kind == AnswerType.CHOICE
        and choice
        and choice not in {code for code, _l, _p in question.choice_options()}
    ):
        errors["choice"] = _("Choose one of the options.")
    if kind == AnswerType.NUMBER and number not in (None, ""):
        try:
            value = Decimal(str(number).strip().replace(",", "."))
        except InvalidOperation:
            errors["number"] = _("Enter a number.")
        else:
            low, high = question.min_value, question.max_value
            if (
                not value.is_finite()
                or (low is not None and value < low)
                or (high is not None and value > high)
            ):
                errors["number"] = _("Enter a number from %(low)s to %(high)s.") % {
                    "low": format(low.normalize(), "f") if low is not None else "…",
                    "high": format(high.normalize(), "f") if high is not None else "…",
                }
    if errors:
        raise ValidationError(errors)
    return choice if kind in (AnswerType.YES_PARTLY_NO, AnswerType.CHOICE) else "", text, value


@transaction.atomic
def answer_save(
    *,
    actor: Any,
    assessment_id: int,
    question_id: int,
    version: int | None,
    choice: str = "",
    text: str = "",
    number: Any = None,
    evidence: Any = None,
) -> Answer:
    """Save one answer (incomplete answers too: completeness counts only on submitting).

    `version` is the answer's version the form was loaded with (None: there was no answer yet); when the
    stored answer has moved on, AnswerConflict is raised and nothing is overwritten. Bad values raise a
    ValidationError per field ("choice", "number", "evidence")."""
    company_id = require_company(actor)
    assessment = (
        Assessment.objects.select_for_update().filter(pk=assessment_id, company_id=company_id).first()
    )
    if assessment is None:
        raise ValidationError(_("This self-assessment does not exist."), code="missing")
    if not assessment.is_editable:
        raise ValidationError(
            _("This self-assessment has been sent and cannot change now."), code="not_editable"
        )
    if assessment.cycle.status != AnnualCycle.Status.OPEN:
        raise ValidationError(_("The cycle is closed: answers can no longer change."), code="cycle_closed")
    question = Question.objects.filter(pk=question_id, section__framework_id=assessment.framework_id).first()
    if question is None:
        raise ValidationError(_("This question is not part of this self-assessment."), code="wrong_question")
    clean_choice, clean_text, value = _clean_value(question, choice, text, number)
    answer = Answer.objects.select_for_update().filter(assessment=assessment, question=question).first()
    if answer is not None and version != answer.version:
        raise AnswerConflict(answer)
    if answer is None:
        answer = Answer(assessment=assessment, question=question, version=0)
    answer.choice, answer.text, answer.number, answer.updated_by = clean_choice, clean_text, value, actor
    if evidence is not None:
        attach_evidence(answer, evidence)
    answer.version += 1
    answer.save()
    return answer


def missing_answers(assessment: Assessment) -> list[Missing]:
    """The required questions without a complete answer, in framework order."""
    answers = {a.question_id: a for a in assessment.answers.all()}
    missing: list[Missing] = []
    questions = Question.objects.filter(section__framework_id=assessment.framework_id, required=True)
    for question in questions.select_related("section").order_by(
        "section__step", "section__position", "position"
    ):
        answer = answers.get(question.pk)
        kind = question.answer_type
        if answer is None:
            missing.append(Missing(question, str(_("Not answered yet."))))
        elif kind in (AnswerType.YES_PARTLY_NO, AnswerType.CHOICE) and not answer.choice:
            missing.append(Missing(question, str(_("Choose an answer."))))
        elif (
            kind == AnswerType.YES_PARTLY_NO and answer.choice in ("partly", "no") and not answer.text.strip()
        ):
            missing.append(Missing(question, str(_("Explain your answer."))))
        elif kind == AnswerType.TEXT and not answer.text.strip():
            missing.append(Missing(question, str(_("Write your answer."))))
        elif kind == AnswerType.NUMBER and answer.number is None:
            missing.append(Missing(question, str(_("Enter a number."))))
        elif kind == AnswerType.EVIDENCE and not answer.evidence:
            missing.append(Missing(question, str(_("Attach the evidence."))))
    return missing


def _snapshot(assessment: Assessment) -> dict[str, Any]:
    return {
        a.question.code: {
            "choice": a.choice,
            "text": a.text,
            "number": None if a.number is None else str(a.number),
            "evidence_name": a.evidence_name,
        }
        for a in assessment.answers.select_related("question")
    }


@transaction.atomic
def assessment_transition(
    *, actor: Any, assessment_id: int, to: str, note: str = "", score: Decimal | None = None
) -> Assessment:
    """Move an assessment along `duediligence.workflow`: the company submits and resubmits (complete
    answers only, while the cycle is open), the secretariat reviews, requests changes (with a note) or
    accepts (with the score). Every move is recorded; a submission keeps the answers as sent."""
    assessment = Assessment.objects.select_for_update().select_related("cycle").get(pk=assessment_id)
    workflow.check(assessment.status, to)
    role = workflow.mover(to)
    if role_of(actor) != role or (role == Role.COMPANY and actor.organisation_id != assessment.company_id):
        raise TransitionNotAllowed(_("You may not make this move."), code="not_yours")
    snapshot: dict[str, Any] = {}
    if to in (Assessment.Status.SUBMITTED, Assessment.Status.RESUBMITTED):
        if assessment.cycle.status != AnnualCycle.Status.OPEN:
            raise ValidationError(
                _("The cycle is closed: the self-assessment can no longer be sent."), code="cycle_closed"
            )
        missing = missing_answers(assessment)
        if missing:
            raise ValidationError(
                _("%(count)s required answers are not complete yet.") % {"count": len(missing)},
                code="incomplete",
            )
        snapshot = _snapshot(assessment)
    if to == Assessment.Status.CHANGES_REQUESTED and not note.strip():
        raise ValidationError({"note": _("Say what the company should change.")})
    if to == Assessment.Status.ACCEPTED:
        if score is None or not Decimal(0) <= score <= Decimal(100):
            raise ValidationError({"score": _("Give a score from 0 to 100.")})
        assessment.score = score
    event = AssessmentEvent.objects.create(
        assessment=assessment,
        actor=actor,
        from_status=assessment.status,
        to_status=to,
        note=note,
        snapshot=snapshot,
        created_at=timezone.now(),
    )
    assessment.status, assessment.status_changed_at = to, event.created_at
    assessment.save(update_fields=["status", "status_changed_at", "score", "updated_at"])
    audit_record(actor=actor, action=f"assessment.{to}", target=assessment, note=note[:200])
    return assessment
