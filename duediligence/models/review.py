"""The secretariat's review of a self-assessment: a score per section (the computed score proposed,
adjusted with a reason) and feedback per question; the overall feedback is the note of the decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .assessment import Assessment
from .framework import Question, Section


class SectionScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="section_scores"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+"
    )
    proposed = models.DecimalField(_("computed score"), max_digits=5, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    reason = models.TextField(_("reason for the adjustment"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("section score")
        verbose_name_plural = _("section scores")
        ordering = ["assessment_id", "section__step", "section__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "section"], name="section_score_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="section_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.section_id}: {self.score}"

    @property
    def effective(self) -> object:
        """The score that counts: the reviewer's, else the computed one."""
        return self.score if self.score is not None else self.proposed


class QuestionFeedback(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="feedback"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("feedback"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("feedback on an answer")
        verbose_name_plural = _("feedback on answers")
        ordering = ["assessment_id", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="question_feedback_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question_id}"
