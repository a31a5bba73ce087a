"""A company's risk register (adverse impacts, prioritised) and its action plan with a progress log."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from companies.models import ProductionLocation
from covenants.models import RiskTheme
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.uploads import stored_name

from ..priority import Level, Likelihood, Priority, priority, priority_rank


def _progress_path(instance: Any, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"action-evidence/{timezone.now():%Y/%m}/{stored_name(suffix)}"


class Involvement(models.TextChoices):
    CAUSED = "caused", _("Caused by the company")
    CONTRIBUTED = "contributed", _("Contributed to by the company")
    LINKED = "linked", _("Directly linked to its products or services")


class Risk(models.Model):
    """An identified actual or potential adverse impact. `priority` and `priority_rank` follow from the
    severity scales and the likelihood by the rule in `duediligence.priority` (`Risk.rank()`)."""

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        ADDRESSED = "addressed", _("Being addressed")
        MITIGATED = "mitigated", _("Mitigated")
        REMEDIATED = "remediated", _("Remediated")
        CLOSED = "closed", _("Closed")

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="risks",
        limit_choices_to={"kind": Role.COMPANY},
    )
    theme = models.ForeignKey(
        RiskTheme, verbose_name=_("risk theme"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("adverse impact"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    locations = models.ManyToManyField(
        ProductionLocation, verbose_name=_("production locations"), blank=True, related_name="+"
    )
    involvement = models.CharField(_("involvement"), max_length=16, choices=Involvement.choices)
    actual = models.BooleanField(
        _("the impact has happened"), default=False, help_text=_("An actual impact counts as very likely.")
    )
    scale = models.PositiveSmallIntegerField(_("scale (how grave)"), choices=Level.choices)
    scope = models.PositiveSmallIntegerField(
        _("scope (how many people, how widespread)"), choices=Level.choices
    )
    irremediable = models.PositiveSmallIntegerField(
        _("irremediable character (how hard to put right)"), choices=Level.choices
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Likelihood.choices)
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, editable=False)
    priority_rank = models.PositiveIntegerField(_("priority rank"), default=0, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IDENTIFIED)
    #: Set when the entry came from an admissible complaint (its case reference): "from a complaint".
    complaint_reference = models.CharField(_("from complaint"), max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-priority_rank", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scale__gte=1, scale__lte=4), name="risk_scale_range"),
            models.CheckConstraint(condition=Q(scope__gte=1, scope__lte=4), name="risk_scope_range"),
            models.CheckConstraint(
                condition=Q(irremediable__gte=1, irremediable__lte=4), name="risk_irremediable_range"
            ),
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=4), name="risk_likelihood_range"
            ),
        ]
        indexes = [models.Index(fields=["company", "-priority_rank"], name="risk_company_priority")]

    def __str__(self) -> str:
        return self.title

    def rank(self) -> Risk:
        """Set `priority` and `priority_rank` from the scales (the services call this before saving)."""
        args = (self.scale, self.scope, self.irremediable, self.likelihood)
        self.priority = priority(*args, actual=self.actual)
        self.priority_rank = priority_rank(*args, actual=self.actual)
        return self

    @property
    def severity(self) -> int:
        return max(self.scale, self.scope, self.irremediable)

    @property
    def calls_for_remediation(self) -> bool:
        """Where the company caused or contributed to an impact, it provides for or cooperates in remedy."""
        return self.involvement in (Involvement.CAUSED, Involvement.CONTRIBUTED)


class Action(models.Model):
    """An action of the plan against one risk; overdue when past its due date and not done."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    class Confirmation(models.TextChoices):
        UNKNOWN = "unknown", _("Not yet asked")
        CONFIRMED = "confirmed", _("Confirmed by the affected people")
        DISPUTED = "disputed", _("Not confirmed by the affected people")

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="actions",
        limit_choices_to={"kind": Role.COMPANY},
    )
    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("Who is responsible (a person or a role).")
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, editable=False, validators=[MaxValueValidator(100)]
    )
    #: Remedy, where the company caused or contributed to the impact.
    remediation = models.TextField(_("remediation provided"), blank=True)
    #: Set when the action tracks a recommendation of a complaint ruling (its case reference).
    complaint_reference = models.CharField(_("from complaint"), max_length=16, blank=True, editable=False)
    remediation_confirmation = models.CharField(
        _("confirmed by the affected people"),
        max_length=16,
        choices=Confirmation.choices,
        default=Confirmation.UNKNOWN,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("planned action")
        verbose_name_plural = _("planned actions")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(starts_on__lte=models.F("due_on")),
                name="action_starts_before_due",
            ),
        ]
        indexes = [models.Index(fields=["company", "status", "due_on"], name="action_company_due")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.due_on < today


class ActionProgress(models.Model):
    """A dated entry in an action's progress log: what happened, how far along, optional evidence."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="progress_log"
    )
    on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    percentage = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    evidence = models.FileField(_("evidence"), upload_to=_progress_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["action_id", "-on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percentage__lte=100), name="action_progress_entry_at_most_100")
        ]

    def __str__(self) -> str:
        return f"{self.action_id} {self.on}: {self.percentage}%"
