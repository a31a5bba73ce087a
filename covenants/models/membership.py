"""Memberships of companies in covenants and their history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.accounts.models import Organisation
from portal.accounts.roles import Role

from .covenant import Covenant


class MembershipQuerySet(models.QuerySet["Membership"]):
    """`current()`: the companies that are members today (status active; a suspended membership is
    not current). `current(on=day)` asks about another day from the join and end dates."""

    @staticmethod
    def current_q(on: date | None = None, prefix: str = "") -> Q:
        active = Q(**{f"{prefix}status": "active"})
        if on is None:
            return active
        ended_later = Q(**{f"{prefix}status": "ended", f"{prefix}ended_on__gte": on})
        return Q(**{f"{prefix}joined_on__lte": on}) & (active | ended_later)

    def current(self, on: date | None = None) -> MembershipQuerySet:
        return self.filter(self.current_q(on))


class Membership(models.Model):
    """A company's membership of one covenant, from its application (adherence declaration) on.

    The status is written only by the services in services.py, along the table in workflow.py; every
    move adds a MembershipEvent. A rejected or ended membership is history and stays as it is: a
    company that wants to (re)join applies again, which creates a new row.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    #: The adherence declaration: what a company fills in to apply, in the form, the API and the service.
    APPLICATION_FIELDS = (
        "contact_name",
        "contact_email",
        "contact_phone",
        "employees",
        "turnover_band",
        "sourcing_countries",
        "declaration_accepted",
    )

    #: A company has at most one membership per covenant in these statuses.
    OPEN_STATUSES = (Status.APPLIED, Status.ACTIVE, Status.SUSPENDED)

    class EndReason(models.TextChoices):
        LEFT = "left", _("Left the covenant")
        EXPELLED = "expelled", _("Expelled")

    class TurnoverBand(models.TextChoices):
        UNDER_10M = "lt10m", _("Less than EUR 10 million")
        FROM_10M = "10m-50m", _("EUR 10 to 50 million")
        FROM_50M = "50m-250m", _("EUR 50 to 250 million")
        FROM_250M = "250m-1500m", _("EUR 250 million to 1.5 billion")
        OVER_1500M = "gt1500m", _("More than EUR 1.5 billion")

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="memberships"
    )
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="memberships",
        limit_choices_to={"kind": Role.COMPANY},
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)

    # The adherence declaration.
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail address"))
    contact_phone = models.CharField(_("contact telephone number"), max_length=40, blank=True)
    employees = models.PositiveIntegerField(_("number of employees"))
    turnover_band = models.CharField(_("annual turnover"), max_length=16, choices=TurnoverBand.choices)
    # ISO 3166-1 codes from the maintained list of django-countries, stored as "BD,CN,IN".
    sourcing_countries = CountryField(
        _("sourcing countries"),
        multiple=True,
        max_length=800,
        help_text=_("Select every country your organisation sources from."),
    )
    declaration_accepted = models.BooleanField(_("adherence declaration accepted"), default=False)

    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("reasons for the decision"), blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=16, choices=EndReason.choices, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: Any = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "company"],
                condition=Q(status__in=["applied", "active", "suspended"]),
                name="membership_one_open_per_company",
                violation_error_message=_("This company already has an open membership of this covenant."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["applied", "active", "rejected", "suspended", "ended"]),
                name="membership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(declaration_accepted=True), name="membership_declaration_accepted"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["active", "suspended", "ended"]) | Q(joined_on__isnull=False),
                name="membership_member_has_join_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="membership_ended_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(ended_on__gte=F("joined_on")),
                name="membership_ends_after_joining",
            ),
        ]
        indexes = [models.Index(fields=["covenant", "status"]), models.Index(fields=["company", "status"])]

    def __str__(self) -> str:
        return f"{self.company} - {self.covenant}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.declaration_accepted:
            errors["declaration_accepted"] = _("Tick the box to accept the adherence declaration.")
        if self.joined_on and self.ended_on and self.ended_on < self.joined_on:
            errors["ended_on"] = _("The end date cannot be before the date the company joined.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class MembershipEvent(models.Model):
    """One move of a membership: who, when, from, to, and why. Rows are only ever added."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=16, choices=Membership.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Membership.Status.choices)
    effective_on = models.DateField(_("effective date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.from_status or '-'} -> {self.to_status}"


#: An annual cycle's deadline fields, in the order they fall in a normal year.
