"""The company report: an accepted self-assessment with its score, feedback, risks, actions and
remediation as a PDF, in two layouts: the assessment as reviewed, and an annual due-diligence statement
along the six OECD steps (structured after the UNGP Reporting Framework: policy commitment, salient
issues, how they are addressed, tracking, communication, remedy), for the company's own reporting.

Generated in Celery (`duediligence.tasks.company_report_generate`) with the Job progress display."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.roles import Role, role_of
from portal.core.pdf import render_pdf
from portal.jobs import services as jobs

from .assessment_forms import choice_label
from .models import Action, Assessment, OecdStep, Question, QuestionFeedback, Risk, SectionScore

LAYOUTS = {
    "assessment": gettext_lazy("Self-assessment report"),
    "statement": gettext_lazy("Due diligence statement"),
}


def company_report_request(*, actor: Any, assessment: Assessment, layout: str) -> Any:
    """Queue the report of an accepted assessment; returns the Job whose page shows the progress."""
    if layout not in LAYOUTS:
        raise ValidationError({"layout": _("Choose one of the report layouts.")})
    own = role_of(actor) == Role.COMPANY and actor.organisation_id == assessment.company_id
    if not own and role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied
    if assessment.status != Assessment.Status.ACCEPTED:
        raise ValidationError(_("A report is made of an accepted self-assessment."), code="not_accepted")
    language = translation.get_language() or "nl"
    with transaction.atomic():
        job = jobs.job_create(owner=actor, kind="duediligence_report", title=str(LAYOUTS[layout]))

        def queue() -> None:
            from .tasks import company_report_generate

            company_report_generate.delay(job.pk, assessment.pk, layout, language)

        transaction.on_commit(queue)
    return job


def report_context(assessment: Assessment) -> dict[str, Any]:
    """Everything the report shows, read in a fixed number of queries."""
    questions = list(
        Question.objects.filter(section__framework_id=assessment.framework_id)
        .select_related("section")
        .order_by("section__step", "section__position", "position")
    )
    answers = {a.question_id: a for a in assessment.answers.all()}
    feedback = dict(QuestionFeedback.objects.filter(assessment=assessment).values_list("question_id", "text"))
    scores = {s.section_id: s for s in SectionScore.objects.filter(assessment=assessment)}
    steps: list[dict[str, Any]] = []
    for step in OecdStep:
        sections: dict[int, dict[str, Any]] = {}
        for question in (q for q in questions if q.section.step == step.value):
            entry = sections.setdefault(
                question.section_id,
                {"section": question.section, "score": scores.get(question.section_id), "items": []},
            )
            answer = answers.get(question.pk)
            entry["items"].append(
                {
                    "question": question,
                    "answer": answer,
                    "choice": choice_label(question, answer.choice) if answer else "",
                    "feedback": feedback.get(question.pk, ""),
                }
            )
        steps.append({"number": step.value, "label": step.label, "sections": list(sections.values())})
    risks = list(
        Risk.objects.filter(company_id=assessment.company_id)
        .select_related("theme")
        .order_by("-priority_rank", "pk")
    )
    actions = list(
        Action.objects.filter(company_id=assessment.company_id)
        .select_related("risk")
        .order_by("due_on", "pk")
    )
    accepted = assessment.events.filter(to_status=Assessment.Status.ACCEPTED).order_by("-created_at").first()
    return {
        "assessment": assessment,
        "steps": steps,
        "risks": risks,
        "actions": actions,
        "remediation": [a for a in actions if a.remediation],
        "overall_feedback": accepted.note if accepted else "",
        "generated_at": timezone.now(),
    }


def company_report_generate(*, job_id: int, assessment_id: int, layout: str, language: str) -> None:
    """The task's work: read, render, store as the job's result. A finished job is left alone."""
    if jobs.job_start(job_id=job_id) is None:
        return
    assessment = Assessment.objects.select_related("company", "covenant", "cycle", "framework").get(
        pk=assessment_id
    )
    with translation.override(language):
        jobs.job_progress(job_id=job_id, progress=20, message=_("Collecting the answers, risks and actions"))
        context = report_context(assessment)
        jobs.job_progress(job_id=job_id, progress=50, message=_("Drawing the PDF"))
        content = render_pdf(
            f"pdf/duediligence/{layout}.html", {**context, "layout": layout}, language=language
        )
        name = f"{assessment.company.name} {assessment.cycle.year} {LAYOUTS[layout]}.pdf"
    jobs.job_finish(job_id=job_id, content=content, filename=name, message=_("The report is ready."))
