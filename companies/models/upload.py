"""A company's uploaded location list: the file, its parse preview and, once confirmed, its result."""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.jobs.models import Job


def _upload_path(instance: Any, filename: str) -> str:
    # A generated name: the name the company gave the file never reaches the disk.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"location-uploads/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{suffix}"


def _rows_path(instance: Any, filename: str) -> str:
    return f"location-uploads/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jsonl"


class LocationUpload(models.Model):
    """One uploaded list. Nothing changes in locations or links until the company confirms it."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        PARSING = "parsing", _("Checking the file")
        PREVIEW = "preview", _("Waiting for your confirmation")
        APPLYING = "applying", _("Applying")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="location_uploads",
        limit_choices_to={"kind": Role.COMPANY},
    )
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="location_uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=_upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    #: The language the company uploaded in: the reasons per row are written in it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.UPLOADED)
    message = models.CharField(_("message"), max_length=300, blank=True)
    job = models.ForeignKey(
        Job, verbose_name=_("job"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    valid = models.PositiveIntegerField(_("valid rows"), default=0)
    rejected = models.PositiveIntegerField(_("rejected rows"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicate rows"), default=0)
    created = models.PositiveIntegerField(_("locations created"), default=0)
    matched = models.PositiveIntegerField(_("locations matched"), default=0)
    updated = models.PositiveIntegerField(_("links updated"), default=0)
    #: Per-row results as JSON lines: {"line", "status", "name", "reason"}.
    results = models.FileField(_("row results"), upload_to=_rows_path, blank=True)
    #: The valid rows as the check read them (JSON lines), so that applying does not read the file
    #: again; removed once the list is applied or cancelled.
    checked = models.FileField(_("checked rows"), upload_to=_rows_path, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("location upload")
        verbose_name_plural = _("location uploads")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["company", "-created_at"], name="location_upload_company"),
            models.Index(fields=["company", "covenant", "sha256"], name="location_upload_sha"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.company_id}, {self.covenant_id})"
