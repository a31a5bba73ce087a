"""A company's self-assessments: the list, starting one, its overview with progress per OECD step, one
step's questions (saved as the company goes), and submitting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from covenants.models import AnnualCycle
from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.accounts.roles import Role, role_of
from portal.core.middleware import accepts_uploads

from .. import selectors, services
from ..assessment_forms import StartForm, StepForm, choice_label, field_names
from ..models import Assessment, AssessmentEvent, OecdStep

PAGE_SIZE = 25
EVIDENCE_UPLOAD_BYTES = 11 * 1024 * 1024


@role_required(Role.COMPANY, Role.SECRETARIAT)
def assessment_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """A company's self-assessments and the cycles it can start; the secretariat's overview of all."""
    assessments = selectors.assessment_list_for(request.user)
    status = request.GET.get("status", "")
    if status in Assessment.Status.values:
        assessments = assessments.filter(status=status)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "duediligence/assessment_list.html",
        {
            "page_obj": page,
            "startable": list(selectors.startable_cycles_for(request.user)),
            "start_form": StartForm(),
            "statuses": Assessment.Status.choices,
            "status": status,
            "is_secretariat": role_of(request.user) == Role.SECRETARIAT,
        },
    )


@role_required(Role.COMPANY)
def assessment_start_view(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    """POST: start the company's self-assessment for an open cycle."""
    if request.method != "POST":
        return redirect("duediligence:assessments")
    cycle: AnnualCycle = get_visible_or_404(selectors.startable_cycles_for(request.user), pk=cycle_id)
    form = StartForm(request.POST)
    carry_over = form.is_valid() and form.cleaned_data["carry_over"]
    try:
        assessment = services.assessment_start(actor=request.user, cycle=cycle, carry_over=carry_over)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("duediligence:assessments")
    return redirect("duediligence:assessment", pk=assessment.pk)


def _steps(assessment: Assessment, missing: list[services.Missing]) -> list[dict[str, Any]]:
    """Per OECD step: its label, the number of required questions and how many are complete."""
    from ..models import Question

    required: dict[int, int] = {}
    for step in Question.objects.filter(
        section__framework_id=assessment.framework_id, required=True
    ).values_list("section__step", flat=True):
        required[step] = required.get(step, 0) + 1
    open_per_step: dict[int, int] = {}
    for item in missing:
        open_per_step[item.question.section.step] = open_per_step.get(item.question.section.step, 0) + 1
    steps = []
    for step in OecdStep:
        total = required.get(step.value, 0)
        done = total - open_per_step.get(step.value, 0)
        steps.append({"number": step.value, "label": step.label, "total": total, "done": done,
                      "percent": round(100 * done / total) if total else 100})  # fmt: skip
    return steps


@role_required(Role.COMPANY, Role.SECRETARIAT)
def assessment_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The overview: status, deadline, progress per step, what is still missing, and the history."""
    assessment = selectors.assessment_get_for(request.user, pk)
    missing = services.missing_answers(assessment)
    return render(
        request, "duediligence/assessment_detail.html", _detail_context(request, assessment, missing)
    )


def _detail_context(
    request: AuthenticatedRequest, assessment: Assessment, missing: list[services.Missing]
) -> dict[str, Any]:
    events = (
        AssessmentEvent.objects.filter(assessment=assessment)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    can_edit = role_of(request.user) == Role.COMPANY and assessment.is_editable
    return {
        "assessment": assessment,
        "steps": _steps(assessment, missing),
        "missing": missing,
        "events": events,
        "can_edit": can_edit,
        "can_submit": can_edit and assessment.cycle.status == AnnualCycle.Status.OPEN,
        "can_review": role_of(request.user) == Role.SECRETARIAT,
        "complaint_risks": selectors.risks_from_complaints(assessment.company_id),
    }


def _step_number(step: int) -> int:
    if step not in OecdStep.values:
        raise Http404
    return step


@role_required(Role.COMPANY, Role.SECRETARIAT)
@accepts_uploads(max_bytes=EVIDENCE_UPLOAD_BYTES)
def assessment_step_view(request: AuthenticatedRequest, pk: int, step: int) -> HttpResponse:
    """One OECD step's questions. The company saves as it goes; what it typed stays on the page on any
    error, and an answer changed in another tab meanwhile is shown beside the one typed here."""
    assessment = selectors.assessment_get_for(request.user, pk)
    step = _step_number(step)
    questions = list(selectors.step_questions(assessment, step))
    answers = {a.question_id: a for a in assessment.answers.filter(question__in=[q.pk for q in questions])}
    editable = role_of(request.user) == Role.COMPANY and assessment.is_editable
    feedback = _visible_feedback(request, assessment, questions)
    conflicts: dict[int, Any] = {}
    if request.method == "POST":
        if not editable:
            raise Http404
        form = StepForm(request.POST, request.FILES, questions=questions, answers=answers)
        if form.is_valid():
            conflicts = _save_step(request, assessment, form, questions)
            if not form.errors:
                messages.success(request, _("Your answers have been saved."))
                following = step + 1 if "continue" in request.POST and step < max(OecdStep.values) else step
                if "continue" in request.POST and step == max(OecdStep.values):
                    return redirect("duediligence:assessment", pk=assessment.pk)
                return redirect("duediligence:assessment-step", pk=assessment.pk, step=following)
    else:
        form = StepForm(questions=questions, answers=answers)
    groups: list[dict[str, Any]] = []
    for question in questions:
        if not groups or groups[-1]["section"].pk != question.section_id:
            groups.append({"section": question.section, "questions": []})
        groups[-1]["questions"].append(
            {
                "question": question,
                "fields": form.bound_parts(question),
                "answer": answers.get(question.pk),
                "answer_choice": choice_label(question, getattr(answers.get(question.pk), "choice", "")),
                "conflict": conflicts.get(question.pk),
                "conflict_choice": choice_label(question, getattr(conflicts.get(question.pk), "choice", "")),
                "feedback": feedback.get(question.pk, ""),
            }
        )
    return render(
        request,
        "duediligence/assessment_step.html",
        {
            "assessment": assessment,
            "form": form,
            "groups": groups,
            "step": step,
            "step_label": OecdStep(step).label,
            "steps": [(s.value, s.label) for s in OecdStep],
            "editable": editable,
        },
    )


def _visible_feedback(
    request: AuthenticatedRequest, assessment: Assessment, questions: list[Any]
) -> dict[int, str]:
    """The secretariat's feedback per question; the company sees it once a decision was made."""
    from ..models import QuestionFeedback

    waiting = assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.UNDER_REVIEW)
    if role_of(request.user) == Role.COMPANY and waiting:
        return {}
    rows = QuestionFeedback.objects.filter(assessment=assessment, question__in=[q.pk for q in questions])
    return dict(rows.values_list("question_id", "text"))


def _save_step(
    request: AuthenticatedRequest, assessment: Assessment, form: StepForm, questions: list[Any]
) -> dict[int, Any]:
    """Save every changed answer; put each problem at its field and return the conflicts found."""
    conflicts: dict[int, Any] = {}
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict
    for question in questions:
        change = form.changed_answer(question)
        if change is None:
            continue
        names = field_names(question)
        try:
            saved = services.answer_save(
                actor=request.user, assessment_id=assessment.pk, question_id=question.pk, **change
            )
        except services.AnswerConflict as conflict:
            conflicts[question.pk] = conflict.stored
            form.add_error(names["text"], conflict)
            # Saving again now means: keep what is typed here, having seen the other version.
            data[names["version"]] = str(conflict.stored.version)
            continue
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for part, errors in exc.error_dict.items():
                    target = names.get(part)
                    for error in errors:
                        form.add_error(target if target in form.fields else None, error)
            else:
                form.add_error(None, exc)
            continue
        data[names["version"]] = str(saved.version)
    form.data = data
    return conflicts


@role_required(Role.COMPANY)
def assessment_submit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: send the self-assessment to the secretariat (again, after changes were requested)."""
    assessment = selectors.assessment_get_for(request.user, pk)
    if request.method != "POST":
        return redirect("duediligence:assessment", pk=assessment.pk)
    to = (
        Assessment.Status.RESUBMITTED
        if assessment.status == Assessment.Status.CHANGES_REQUESTED
        else Assessment.Status.SUBMITTED
    )
    try:
        services.assessment_transition(actor=request.user, assessment_id=assessment.pk, to=to)
    except ValidationError as exc:
        context = _detail_context(request, assessment, services.missing_answers(assessment))
        context["submit_error"] = " ".join(exc.messages)
        return render(request, "duediligence/assessment_detail.html", context, status=200)
    messages.success(request, _("Your self-assessment has been sent to the secretariat."))
    return redirect("duediligence:assessment", pk=assessment.pk)
