"""Signals: a problem reported at a production location, and its confidential relay to the member
companies that source there. Only the secretariat ever sees to which companies a signal went."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import RiskTheme
from portal.accounts.models import Organisation

from .location import ProductionLocation


def validate_not_future_date(value: object) -> None:
    if value is not None and value > timezone.localdate():  # type: ignore[operator]
        raise ValidationError(_("Give a date that is not in the future."), code="future_date")


def _evidence_path(instance: LocationSignal, filename: str) -> str:
    # The stored name is generated in the service; this only places it (outside the web root: the
    # media root is never served directly, only through the permission-checked download view).
    return f"companies/signals/{filename}"


class LocationSignal(models.Model):
    """A problem reported at a location by an NGO, a trade union or the secretariat."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        RELAYED = "relayed", _("Relayed")
        CLOSED = "closed", _("Closed")

    location = models.ForeignKey(
        ProductionLocation, verbose_name=_("location"), on_delete=models.PROTECT, related_name="signals"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="location_signals",
    )
    reporter_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        on_delete=models.PROTECT,
        related_name="reported_signals",
    )
    description = models.TextField(_("what happened"), max_length=5000)
    occurred_on = models.DateField(_("when it happened"), validators=[validate_not_future_date])
    theme = models.ForeignKey(
        RiskTheme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="location_signals"
    )
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REPORTED)
    relayed_at = models.DateTimeField(_("relayed at"), null=True, blank=True)
    relayed_count = models.PositiveIntegerField(_("relayed to companies"), default=0)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("location signal")
        verbose_name_plural = _("location signals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="signal_status_created"),
            models.Index(fields=["reporter_organisation", "created_at"], name="signal_reporter_created"),
        ]

    def __str__(self) -> str:
        return f"{self.location_id}: {self.occurred_on}"


class SignalRelay(models.Model):
    """One signal relayed to one linked member company, with that company's response."""

    signal = models.ForeignKey(
        LocationSignal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="relays"
    )
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="signal_relays",
        limit_choices_to={"kind": "company"},
    )
    response = models.TextField(_("response"), max_length=5000, blank=True)
    follow_up = models.TextField(_("follow-up"), max_length=5000, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("relayed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("signal relay")
        verbose_name_plural = _("signal relays")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["signal", "company"], name="signal_relay_once_per_company"),
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | ~Q(response=""), name="signal_relay_response_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signal_id} -> {self.company_id}"
