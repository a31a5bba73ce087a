"""A member's public performance per cycle, and the secretariat's suspension review queue.

The accepted self-assessment yields a category (`duediligence.performance`). The secretariat writes a
short public summary in both languages and shares it with the company, which may comment until the
comment date; the secretariat then publishes summary and comment together, and the covenant page lists
the member's latest published category. A published performance is frozen.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import AnnualCycle, Covenant, Membership
from portal.accounts.models import Organisation

from ..performance import Category
from .assessment import Assessment

SUMMARY_MAX = 1500
COMMENT_MAX = 1500


class MemberPerformance(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SHARED = "shared", _("Shared with the company for comment")
        PUBLISHED = "published", _("Published")

    assessment = models.OneToOneField(
        Assessment, verbose_name=_("self-assessment"), on_delete=models.PROTECT, related_name="performance"
    )
    # Copied from the assessment, so the covenant page finds a member's latest one without joins.
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    summary_nl = models.TextField(_("summary (Dutch)"), max_length=SUMMARY_MAX, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=SUMMARY_MAX, blank=True)
    comment_due = models.DateField(_("comments until"), null=True, blank=True)
    company_comment = models.TextField(_("comment by the company"), max_length=COMMENT_MAX, blank=True)
    commented_at = models.DateTimeField(_("commented at"), null=True, blank=True)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("member performance")
        verbose_name_plural = _("member performances")
        ordering = ["covenant_id", "-year", "company__name"]
        indexes = [models.Index(fields=["covenant", "company", "status"], name="performance_member")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="performance_published_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_id}/{self.covenant_id} {self.year}: {self.category}"

    def comment_period_open(self, today: date) -> bool:
        """Whether the company may still comment before publication: it has not, and the date is not past."""
        return not self.commented_at and self.comment_due is not None and today <= self.comment_due

    def summary(self, language: str | None) -> str:
        """The summary in `language`, else in the other language."""
        if (language or "").startswith("nl"):
            return self.summary_nl or self.summary_en
        return self.summary_en or self.summary_nl


class SuspensionReview(models.Model):
    """A membership to review for suspension; the secretariat decides and records why."""

    class Reason(models.TextChoices):
        NEEDS_IMPROVEMENT = "needs_improvement", _("Two consecutive years of “needs improvement”")
        MISSED_DEADLINE = "missed_deadline", _("Self-assessment deadline missed, escalated")

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue the membership")
        SUSPEND = "suspend", _("Suspend the membership")

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = models.ForeignKey(
        AnnualCycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suspension review")
        verbose_name_plural = _("suspension reviews")
        ordering = ["decided_at", "opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "cycle", "reason"], name="suspension_review_once_per_cycle"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_at__isnull=False), name="suspension_review_decided_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} {self.cycle_id}: {self.reason}"

    @property
    def is_open(self) -> bool:
        return not self.decision
