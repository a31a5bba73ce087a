"""A company's yearly self-assessment against one framework version, its answers and its history."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import AnnualCycle, Covenant
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.uploads import stored_name

from .framework import Framework, Question


def _evidence_path(instance: Any, filename: str) -> str:
    # A generated name: the name the company gave the file never reaches the disk.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"assessment-evidence/{timezone.now():%Y/%m}/{stored_name(suffix)}"


class Assessment(models.Model):
    """One company's self-assessment for one covenant and cycle. Its status changes only through
    `duediligence.services.assessment_transition` (see `duediligence.workflow`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")

    #: Waiting for the secretariat.
    AWAITING_REVIEW = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.RESUBMITTED)
    #: The company may change its answers.
    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to={"kind": Role.COMPANY},
    )
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="assessments"
    )
    cycle = models.ForeignKey(
        AnnualCycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now, editable=False)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-cycle__year", "company__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "cycle"], name="assessment_one_per_company_cycle"),
            models.CheckConstraint(
                condition=Q(status="accepted") | Q(score__isnull=True),
                name="assessment_score_only_when_accepted",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="assessment_score_range",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "status"], name="assessment_cycle_status")]

    def __str__(self) -> str:
        return f"{self.company_id} / {self.cycle_id} ({self.status})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class Answer(models.Model):
    """The company's answer to one question. `version` grows with every save, so a save made from an
    older copy of the answer (another browser tab) is detected instead of overwriting it."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )
    #: yes / partly / no, or the code of the chosen option.
    choice = models.CharField(_("answer"), max_length=32, blank=True)
    text = models.TextField(_("explanation"), blank=True)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment_id", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_one_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question_id}: {self.choice or self.number or self.text[:20]}"


class AssessmentEvent(models.Model):
    """Every status move of an assessment: who, when, from, to, why; a submission keeps the answers as
    they were sent, so two submissions can be compared."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Assessment.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Assessment.Status.choices)
    note = models.TextField(_("note"), blank=True)
    #: For submissions: {question code: {"choice", "text", "number", "evidence_name"}}.
    snapshot = models.JSONField(_("answers as submitted"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("self-assessment event")
        verbose_name_plural = _("self-assessment events")
        ordering = ["assessment_id", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.from_status} -> {self.to_status}"
