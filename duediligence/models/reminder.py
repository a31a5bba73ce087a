"""The reminders already sent, so that a rerun of the daily job sends nothing twice."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    """One reminder of one kind about one thing (a company in a cycle, an action with its due date, an
    assessment waiting for review): written in the same transaction as its notifications."""

    class Kind(models.TextChoices):
        DEADLINE_30 = "deadline_30", _("Self-assessment due in 30 days")
        DEADLINE_7 = "deadline_7", _("Self-assessment due in 7 days")
        DEADLINE_1 = "deadline_1", _("Self-assessment due tomorrow")
        ACTION_OVERDUE = "action_overdue", _("Action overdue")
        REVIEW_OVERDUE = "review_overdue", _("Review past its due date")
        ESCALATION = "escalation", _("Deadline missed by more than 30 days")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    #: What it is about, e.g. "cycle 4 company 12", "action 9 due 2026-05-01", "assessment 31".
    key = models.CharField(_("about"), max_length=100)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="reminder_once_per_kind_and_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
