"""After a case: what is published of it, the complainant's feedback, and each covenant's rules for
the public tracker and for retention."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant

from .case import TEXT_MAX, Complaint


class Publication(models.Model):
    """The anonymised summary and the ruling on the public page, with what was withheld and why
    (transparency by default, secrecy only for a stated reason)."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="publication"
    )
    summary_nl = models.TextField(_("anonymised summary (Dutch)"), max_length=TEXT_MAX)
    summary_en = models.TextField(_("anonymised summary (English)"), max_length=TEXT_MAX)
    ruling_published = models.BooleanField(_("the ruling is published"), default=True)
    withheld = models.TextField(
        _("what was withheld from publication, and why"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("For example: the company's name, to protect the complainant. Leave empty if nothing."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"publication of {self.complaint_id}"


class Feedback(models.Model):
    """The complainant's answer to the short question asked at closure."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="feedback"
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("how satisfied are you with how your complaint was handled?"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("anything you want to tell us"), max_length=2000, blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="feedback_satisfaction_range",
            )
        ]

    def __str__(self) -> str:
        return f"feedback on {self.complaint_id}"


class ComplaintSettings(models.Model):
    """A covenant's rules for its complaint mechanism (a covenant without a row uses the defaults)."""

    DEFAULT_CONTACT_MONTHS = 12
    DEFAULT_ANONYMISE_YEARS = 5

    covenant = models.OneToOneField(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="complaint_settings"
    )
    public_tracker = models.BooleanField(
        _("publish a tracker of running cases"),
        default=False,
        help_text=_(
            "Lists running cases with reference, date filed, kind of complainant, company, theme and "
            "current stage. Off by default: many covenants keep running cases confidential."
        ),
    )
    contact_retention_months = models.PositiveSmallIntegerField(
        _("erase contact details this many months after closure"),
        default=DEFAULT_CONTACT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    anonymise_after_years = models.PositiveSmallIntegerField(
        _("anonymise the case this many years after closure"),
        default=DEFAULT_ANONYMISE_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return f"complaint settings of {self.covenant_id}"

    @classmethod
    def for_covenant(cls, covenant_id: int) -> ComplaintSettings:
        """The covenant's settings, or unsaved defaults."""
        return cls.objects.filter(covenant_id=covenant_id).first() or cls(covenant_id=covenant_id)
