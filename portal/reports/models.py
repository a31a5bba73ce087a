"""The covenant's annual report: the steering group's foreword the secretariat writes, and every
generated version of the PDF with the figures it was made of.

A version is never changed after it is ready: regenerating makes a new version, and publishing only
marks a ready version as downloadable by everybody. The figures of a published version therefore
never change (the file and its `figures` snapshot are written once, by the task that generated it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant

LANGUAGES = (("nl", _("Dutch")), ("en", _("English")))


class Foreword(models.Model):
    """The steering group's foreword to one year's report, in both languages."""

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="forewords"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text_nl = models.TextField(_("foreword (Dutch)"), max_length=20_000, blank=True)
    text_en = models.TextField(_("foreword (English)"), max_length=20_000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("foreword")
        verbose_name_plural = _("forewords")
        constraints = [models.UniqueConstraint(fields=["covenant", "year"], name="foreword_once_per_year")]

    def __str__(self) -> str:
        return f"{self.covenant} {self.year}"

    def text(self, language: str) -> str:
        return self.text_nl if language == "nl" else self.text_en


class AnnualReport(models.Model):
    """One generated version of a covenant's annual report in one language."""

    class Status(models.TextChoices):
        GENERATING = "generating", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.GENERATING)
    job = models.ForeignKey(
        "jobs.Job", verbose_name=_("job"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "year", "language", "version"], name="annual_report_version_once"
            ),
            # Only a finished version can be published.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="ready"),
                name="annual_report_published_ready",
            ),
        ]
        indexes = [models.Index(fields=["published_at"], name="annual_report_published")]

    def __str__(self) -> str:
        return f"{self.covenant} {self.year} {self.language} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def filename(self) -> str:
        return f"{self.covenant.slug}-annual-report-{self.year}-{self.language}-v{self.version}.pdf"
