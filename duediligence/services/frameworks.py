"""Frameworks: made from data (the default one), copied as the start of a new version, published
(frozen from then on) and chosen for a cycle."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import AnnualCycle, Covenant
from portal.audit.services import audit_record

from ..models import Assessment, CycleFramework, Framework, Question, Section
from ._common import require_secretariat

_SECTION_FIELDS = ("step", "code", "title_nl", "title_en", "guidance_nl", "guidance_en", "weight")
_QUESTION_FIELDS = (
    "code", "answer_type", "weight", "required", "text_nl", "text_en", "help_nl", "help_en",
    "min_value", "max_value", "unit_nl", "unit_en", "choices",
)  # fmt: skip


def _next_version(covenant: Covenant) -> int:
    return int(Framework.objects.filter(covenant=covenant).aggregate(top=Max("version"))["top"] or 0) + 1


@transaction.atomic
def framework_create_from_data(*, actor: Any, covenant: Covenant, data: dict[str, Any]) -> Framework:
    """A new draft version of the covenant's framework from data shaped like `frameworks.default`."""
    require_secretariat(actor)
    framework = Framework.objects.create(
        covenant=covenant,
        version=_next_version(covenant),
        title_nl=data["title_nl"],
        title_en=data["title_en"],
    )
    for position, section_data in enumerate(data["sections"]):
        section = Section.objects.create(
            framework=framework, position=position, **{f: section_data.get(f, "") for f in _SECTION_FIELDS}
        )
        Question.objects.bulk_create(
            Question(
                section=section,
                position=number,
                **{f: question[f] for f in _QUESTION_FIELDS if f in question},
            )
            for number, question in enumerate(section_data["questions"])
        )
    audit_record(actor=actor, action="framework.created", target=framework)
    return framework


@transaction.atomic
def framework_copy(*, actor: Any, source: Framework) -> Framework:
    """A new draft version with the sections and questions of `source` (last year's, as a start)."""
    require_secretariat(actor)
    data = {
        "title_nl": source.title_nl,
        "title_en": source.title_en,
        "sections": [
            {
                **{f: getattr(section, f) for f in _SECTION_FIELDS},
                "questions": [{f: getattr(q, f) for f in _QUESTION_FIELDS} for q in section.questions.all()],
            }
            for section in source.sections.prefetch_related("questions")
        ],
    }
    copy = framework_create_from_data(actor=actor, covenant=source.covenant, data=data)
    copy.based_on = source
    copy.save(update_fields=["based_on"])
    return copy


def _problems(framework: Framework) -> list[str]:
    problems: list[str] = []
    sections = list(framework.sections.prefetch_related("questions"))
    if not sections:
        problems.append(str(_("The framework has no sections.")))
    codes: set[str] = set()
    for section in sections:
        questions = list(section.questions.all())
        if not questions:
            problems.append(str(_("Section %(code)s has no questions.") % {"code": section.code}))
        for question in questions:
            if question.code in codes:
                problems.append(str(_("The question code %(code)s is used twice.") % {"code": question.code}))
            codes.add(question.code)
            if question.answer_type == "choice" and len(question.choices) < 2:
                problems.append(
                    str(_("Question %(code)s needs at least two choices.") % {"code": question.code})
                )
    return problems


@transaction.atomic
def framework_publish(*, actor: Any, framework_id: int) -> Framework:
    """Publish a complete draft; from then on it is frozen (new work goes into a copy)."""
    require_secretariat(actor)
    framework = Framework.objects.select_for_update().get(pk=framework_id)
    if framework.status != Framework.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."), code="not_draft")
    problems = _problems(framework)
    if problems:
        raise ValidationError(problems, code="incomplete")
    framework.status, framework.published_at = Framework.Status.PUBLISHED, timezone.now()
    framework.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, action="framework.published", target=framework)
    return framework


def require_draft(framework: Framework) -> None:
    """The check every edit of a framework's sections or questions goes through."""
    if framework.is_frozen:
        raise ValidationError(
            _("This version is published and cannot change; make a copy to start a new version."),
            code="frozen",
        )


@transaction.atomic
def cycle_framework_set(*, actor: Any, cycle: AnnualCycle, framework: Framework) -> CycleFramework:
    """The published version the cycle's self-assessments use (fixed once one has started)."""
    require_secretariat(actor)
    if framework.covenant_id != cycle.covenant_id:
        raise ValidationError({"framework": _("Choose a framework of this covenant.")})
    if framework.status != Framework.Status.PUBLISHED:
        raise ValidationError({"framework": _("Choose a published framework.")})
    if Assessment.objects.filter(cycle=cycle).exclude(framework=framework).exists():
        raise ValidationError(
            {"framework": _("Self-assessments of this cycle have started on another version.")}
        )
    choice, _created = CycleFramework.objects.update_or_create(cycle=cycle, defaults={"framework": framework})
    audit_record(actor=actor, action="cycle.framework_set", target=cycle, note=f"framework {framework.pk}")
    return choice


QUESTION_EDITABLE = ("text_nl", "text_en", "help_nl", "help_en", "weight", "required")


@transaction.atomic
def question_update(*, actor: Any, question_id: int, **fields: Any) -> Question:
    """Change a question's texts, weight or whether it is required, in a draft version only."""
    require_secretariat(actor)
    question = Question.objects.select_for_update().select_related("section__framework").get(pk=question_id)
    require_draft(question.section.framework)
    for name, value in fields.items():
        if name not in QUESTION_EDITABLE:
            raise ValueError(f"not an editable question field: {name}")
        setattr(question, name, value)
    question.full_clean(exclude=["section"])
    question.save()
    return question
