"""How a case runs: the companies it is put to, the committee members on it, and the clock per stage.

A complaint about a production location is routed by the secretariat to the member companies linked to
that location; each becomes a respondent. The complainant is never told who they are.

Each stage of the procedure (`covenants.ComplaintStage`) gets one `StageRecord` when the case enters it:
its due date is the start plus the covenant's indicative time frame plus the time the case was paused.
The overdue sweep alerts once per record (`alerted_at`); the records feed the performance figures.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from covenants.models import ComplaintStage
from portal.accounts.models import Organisation

from .case import Complaint


class Respondent(models.Model):
    """A member company a case is put to."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="respondents"
    )
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="complaint_cases"
    )
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("routed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    routed_at = models.DateTimeField(_("routed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        ordering = ["company__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["complaint", "company"], name="respondent_once")]

    def __str__(self) -> str:
        return f"{self.company_id} on {self.complaint_id}"


class CommitteeAssignment(models.Model):
    """A committee member put on a case by the secretariat; the grant itself is a guardian permission.
    A member with a conflict of interest declines, with the reason recorded, and loses the grant."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="assignments"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("committee member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now, editable=False)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        verbose_name = _("committee assignment")
        verbose_name_plural = _("committee assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "member"], name="assignment_once"),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True) | ~Q(decline_reason=""),
                name="assignment_decline_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} on {self.complaint_id}"


class StageRecord(models.Model):
    """One stage of one case: when it started, when it is due, how long it was paused, when it ended."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="stages"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=ComplaintStage.choices)
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("seconds paused"), default=0)
    #: When the secretariat and the committee were told it is overdue (once per stage).
    alerted_at = models.DateTimeField(_("overdue alert sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage of a case")
        verbose_name_plural = _("stages of cases")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"], condition=Q(ended_at__isnull=True), name="stage_one_open_per_case"
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="stage_open_due",
                condition=Q(ended_at__isnull=True, alerted_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.stage}"

    @property
    def within_time_frame(self) -> bool | None:
        """Whether the stage ended by its due date; None while it runs."""
        return None if self.ended_at is None else self.ended_at <= self.due_at


class ComplaintUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)


class ComplaintGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)
