"""Annual monitoring cycles of a covenant."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .covenant import Covenant

MIN_CYCLE_YEAR = 2000
MAX_CYCLE_YEAR = 2100
YEAR_RANGE_MESSAGE = _("Enter a year from 2000 to 2100.")

CYCLE_DEADLINE_FIELDS = (
    "self_assessment_due",
    "locations_due",
    "review_due",
    "list_publication_due",
    "annual_report_due",
)


class AnnualCycle(models.Model):
    """One year of a covenant's cycle: the deadlines, and whether the secretariat has opened or closed it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    DEADLINE_FIELDS = CYCLE_DEADLINE_FIELDS

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="cycles"
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[
            MinValueValidator(MIN_CYCLE_YEAR, message=YEAR_RANGE_MESSAGE),
            MaxValueValidator(MAX_CYCLE_YEAR, message=YEAR_RANGE_MESSAGE),
        ],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    starts_on = models.DateField(_("cycle starts on"))
    ends_on = models.DateField(_("cycle ends on"))
    self_assessment_due = models.DateField(_("self-assessment deadline"))
    review_due = models.DateField(_("secretariat review deadline"))
    locations_due = models.DateField(_("production-location disclosure deadline"))
    list_publication_due = models.DateField(_("publication of the aggregated location list"))
    annual_report_due = models.DateField(_("publication of the annual report"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    close_forced = models.BooleanField(_("closed with reviews pending"), default=False, editable=False)
    close_reason = models.TextField(_("reason for closing with reviews pending"), blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(
        _("deadline reminder sent at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual cycle")
        verbose_name_plural = _("annual cycles")
        ordering = ["-year", "covenant__name_en", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "year"], name="cycle_one_per_covenant_year"),
            models.UniqueConstraint(
                fields=["covenant"], condition=Q(status="open"), name="cycle_one_open_per_covenant"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "open", "closed"]), name="cycle_status_valid"
            ),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="cycle_ends_after_start"),
            models.CheckConstraint(
                condition=Q(review_due__gte=F("self_assessment_due")),
                name="cycle_review_after_self_assessment",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(close_forced=False) | ~Q(close_reason=""),
                name="cycle_forced_close_has_reason",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": F("starts_on")}) & Q(**{f"{field}__lte": F("ends_on")}),
                    name=f"cycle_{field}_within_cycle",
                )
                for field in CYCLE_DEADLINE_FIELDS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.covenant} {self.year}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end of the cycle must be after its start.")
        elif self.starts_on and self.ends_on:
            for field in self.DEADLINE_FIELDS:
                value: date | None = getattr(self, field)
                if value and not self.starts_on <= value <= self.ends_on:
                    errors[field] = ValidationError(
                        _("This deadline must fall within the cycle (%(start)s to %(end)s)."),
                        code="outside_cycle",
                        params={
                            "start": formats.date_format(self.starts_on),
                            "end": formats.date_format(self.ends_on),
                        },
                    )
        if (
            "review_due" not in errors
            and self.review_due
            and self.self_assessment_due
            and self.review_due < self.self_assessment_due
        ):
            errors["review_due"] = _("The review deadline cannot be before the self-assessment deadline.")
        if errors:
            raise ValidationError(errors)

    def deadlines(self) -> list[tuple[str, date]]:
        """(translated label, date) for each deadline, in field order."""
        return [
            (str(self._meta.get_field(f).verbose_name), getattr(self, f))  # type: ignore[union-attr]
            for f in self.DEADLINE_FIELDS
        ]


# django-guardian with direct foreign keys (see portal/accounts/models.py). Used for the
# `view_governance` grant to steering-group members who sit on it without being a party.
