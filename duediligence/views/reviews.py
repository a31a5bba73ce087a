"""The secretariat's review of one self-assessment: the answers with the proposed score per section,
the reviewer's scores (adjusted with a reason) and feedback per answer, then the decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role

from .. import selectors, services
from ..assessment_forms import choice_label
from ..models import Assessment, Question, QuestionFeedback, SectionScore

DECISIONS = ("save", "accept", "changes")


def _save(request: AuthenticatedRequest, assessment: Assessment, rows: list[SectionScore], questions: list[Question],
          feedback: dict[int, QuestionFeedback]) -> dict[str, list[str]]:  # fmt: skip
    """Store what the reviewer typed; the problems by the id of their field."""
    errors: dict[str, list[str]] = {}
    post = request.POST
    for row in rows:
        name = f"s{row.section_id}"
        score, reason = post.get(f"{name}_score", ""), post.get(f"{name}_reason", "")
        stored = "" if row.score is None else f"{row.score}"
        if score == stored and reason.strip() == row.reason:
            continue
        try:
            services.section_score_set(
                actor=request.user,
                assessment_id=assessment.pk,
                section_id=row.section_id,
                score=score,
                reason=reason,
            )
        except ValidationError as exc:
            for part, messages_ in getattr(exc, "message_dict", {"score": exc.messages}).items():
                errors[f"{name}_{part}"] = list(messages_)
    for question in questions:
        text = post.get(f"f{question.pk}", "")
        before = feedback[question.pk].text if question.pk in feedback else ""
        if text.strip() != before:
            services.question_feedback_set(
                actor=request.user, assessment_id=assessment.pk, question_id=question.pk, text=text
            )
    decision = post.get("decision", "save")
    if not errors and decision in ("accept", "changes"):
        try:
            services.review_decide(
                actor=request.user,
                assessment_id=assessment.pk,
                accept=decision == "accept",
                note=post.get("note", ""),
            )
        except ValidationError as exc:
            errors["note"] = list(getattr(exc, "message_dict", {}).get("note", exc.messages))
    return errors


@role_required(Role.SECRETARIAT)
def assessment_review_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Secretariat: take a submitted self-assessment into review, score and comment, and decide."""
    assessment = selectors.assessment_get_for(request.user, pk)
    if request.method == "POST" and request.POST.get("decision") == "start":
        try:
            services.review_start(actor=request.user, assessment_id=assessment.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("duediligence:assessment-review", pk=assessment.pk)
    rows = list(SectionScore.objects.filter(assessment=assessment).select_related("section"))
    questions = list(Question.objects.filter(section__framework_id=assessment.framework_id).select_related("section")
                     .order_by("section__step", "section__position", "position"))  # fmt: skip
    answers = {a.question_id: a for a in assessment.answers.all()}
    feedback = {f.question_id: f for f in QuestionFeedback.objects.filter(assessment=assessment)}
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and assessment.status == Assessment.Status.UNDER_REVIEW:
        errors = _save(request, assessment, rows, questions, feedback)
        if not errors:
            decided = request.POST.get("decision") in ("accept", "changes")
            messages.success(
                request, _("The decision has been recorded.") if decided else _("The review has been saved.")
            )
            if decided:
                return redirect("duediligence:assessment", pk=assessment.pk)
            return redirect("duediligence:assessment-review", pk=assessment.pk)
    posted = request.POST if errors else None
    by_section: dict[int, list[dict[str, Any]]] = {}
    for question in questions:
        answer = answers.get(question.pk)
        by_section.setdefault(question.section_id, []).append({
            "question": question, "answer": answer,
            "choice": choice_label(question, answer.choice) if answer else "",
            "feedback": posted.get(f"f{question.pk}", "") if posted else getattr(feedback.get(question.pk), "text", ""),
        })  # fmt: skip
    sections = [
        {
            "row": row,
            "questions": by_section.get(row.section_id, []),
            "score": posted.get(f"s{row.section_id}_score", "")
            if posted
            else ("" if row.score is None else f"{row.score}"),
            "reason": posted.get(f"s{row.section_id}_reason", "") if posted else row.reason,
            "score_errors": errors.get(f"s{row.section_id}_score", []),
            "reason_errors": errors.get(f"s{row.section_id}_reason", []),
        }
        for row in sorted(rows, key=lambda r: (r.section.step, r.section.position, r.section.code))
    ]
    return render(
        request,
        "duediligence/assessment_review.html",
        {
            "assessment": assessment,
            "sections": sections,
            "total": services.review_total(assessment) if rows else None,
            "changes": services.submission_changes(assessment),
            "errors": errors,
            "note": posted.get("note", "") if posted else "",
            "can_start": assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.RESUBMITTED),
            "reviewing": assessment.status == Assessment.Status.UNDER_REVIEW,
            "complaint_risks": selectors.risks_from_complaints(assessment.company_id),
        },
    )
