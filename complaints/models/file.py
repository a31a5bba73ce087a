"""The case file: messages (each with who may read it), documents, the ruling and its
recommendations, and the company's follow-up reports on compliance."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Organisation

from .case import TEXT_MAX, Complaint


class Party(models.TextChoices):
    """Who wrote a message or added a document."""

    COMPLAINANT = "complainant", _("Complainant")
    RESPONDENT = "respondent", _("Company")
    COMMITTEE = "committee", _("Complaints committee")
    SECRETARIAT = "secretariat", _("Secretariat")


class Visibility(models.TextChoices):
    PARTIES = "parties", _("All parties")
    INTERNAL = "internal", _("Committee and secretariat only")


#: Who may read what is written with each visibility.
READERS: dict[str, frozenset[str]] = {
    Visibility.PARTIES: frozenset(Party.values),
    Visibility.INTERNAL: frozenset({Party.COMMITTEE, Party.SECRETARIAT}),
}


class Message(models.Model):
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    party = models.CharField(_("on behalf of"), max_length=16, choices=Party.choices)
    visibility = models.CharField(
        _("who may read it"), max_length=16, choices=Visibility.choices, default=Visibility.PARTIES
    )
    body = models.TextField(_("message"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["complaint", "created_at"], name="message_case_time")]

    def __str__(self) -> str:
        return f"{self.party} on {self.complaint_id}"


def _document_path(instance: Any, filename: str) -> str:
    return f"complaints/{timezone.now():%Y/%m}/{filename}"


class Document(models.Model):
    """A file in the case: checked by its content, stored under a generated name outside the web root,
    served only through the permission-checked download view."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="documents"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    party = models.CharField(_("added on behalf of"), max_length=16, choices=Party.choices)
    visibility = models.CharField(
        _("who may read it"), max_length=16, choices=Visibility.choices, default=Visibility.PARTIES
    )
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Ruling(models.Model):
    class Outcome(models.TextChoices):
        FOUNDED = "founded", _("Founded")
        PARTLY = "partly", _("Partly founded")
        UNFOUNDED = "unfounded", _("Unfounded")

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="ruling"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    text_nl = models.TextField(_("ruling (Dutch)"), max_length=TEXT_MAX)
    text_en = models.TextField(_("ruling (English)"), max_length=TEXT_MAX)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("ruling")
        verbose_name_plural = _("rulings")

    def __str__(self) -> str:
        return f"ruling on {self.complaint_id}"


class Recommendation(models.Model):
    """A recommendation of a ruling to one respondent; it becomes an action in its action plan."""

    ruling = models.ForeignKey(
        Ruling, verbose_name=_("ruling"), on_delete=models.CASCADE, related_name="recommendations"
    )
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("recommendation"), max_length=200)
    due_on = models.DateField(_("to be done by"))
    #: The action in the company's action plan that tracks it (`duediligence.Action`).
    action_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class FollowUpReport(models.Model):
    """What a respondent reports on its compliance with the recommendations."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="follow_up_reports"
    )
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("report"), max_length=TEXT_MAX)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"follow-up on {self.complaint_id}"
