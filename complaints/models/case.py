"""A complaint case, its recorded moves, and the counter its reference number (GT-2026-0007) comes from.

The complainant's identity is not here: it lives in `ComplainantIdentity`, read only through the
service that logs each read. A case keeps the language it was filed in; messages to the complainant
go out in it. No IP address is ever stored with a complaint.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from companies.models import ProductionLocation
from covenants.models import Covenant, RiskTheme
from portal.accounts.models import Organisation

from ..status import CaseStatus

#: Characters of the free-text fields kept at most (a 1 MB paste is refused with a clear message).
TEXT_MAX = 20_000


def reference_prefix(covenant: Covenant) -> str:
    """The letters in front of a covenant's case references: the initials of its slug's words, at most
    three ("garments-textile" -> "GT"). Counters run per prefix, so references stay unique."""
    words = [word for word in re.split(r"[^a-z0-9]+", covenant.slug.lower()) if word]
    return ("".join(word[0] for word in words)[:3] or "C").upper()


class ReferenceCounter(models.Model):
    prefix = models.CharField(max_length=3)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_once")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DISPUTE = "dispute", _("Dispute")

    class Filer(models.TextChoices):
        WORKER = "worker", _("An affected worker")
        REPRESENTATIVE = "representative", _("A representative of affected people")
        UNION = "union", _("A trade union")
        NGO = "ngo", _("An NGO")
        PARTY = "party", _("A party to the covenant")
        OTHER = "other", _("Someone else")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        POST = "post", _("Post")
        EMAIL = "email", _("E-mail")

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMPLAINT)
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="complaints"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, editable=False
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now, editable=False)
    language = models.CharField(_("language"), max_length=10, default="en")
    channel = models.CharField(_("received by"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    filer = models.CharField(_("who files"), max_length=16, choices=Filer.choices)
    on_behalf_of = models.CharField(_("on whose behalf"), max_length=300, blank=True)
    # About a member company, or a production location the secretariat routes to its linked members.
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_against",
    )
    location = models.ForeignKey(
        ProductionLocation,
        verbose_name=_("production location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    themes = models.ManyToManyField(RiskTheme, verbose_name=_("themes"), blank=True, related_name="+")
    country = CountryField(_("country"), blank=True)
    what_happened = models.TextField(_("what happened"), max_length=TEXT_MAX)
    happened_on = models.DateField(_("when it happened"), null=True, blank=True)
    outcome_sought = models.TextField(_("outcome sought"), max_length=TEXT_MAX, blank=True)
    share_identity = models.BooleanField(_("identity may be shared with the company"), default=False)
    anonymous = models.BooleanField(_("filed anonymously"), default=False)
    #: The keyed digest of the receipt code (`complaints.receipt`); the code itself is never stored.
    receipt_digest = models.CharField(max_length=64, blank=True, editable=False)
    #: The account that filed it (an NGO or a union), if any.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The form's one-time token: a double click or a retried POST files one complaint.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    paused_since = models.DateTimeField(_("paused since"), null=True, blank=True)
    pause_reason = models.TextField(_("reason for the pause"), blank=True)
    #: When the committee found it admissible: from then on the respondent company sees the case.
    admitted_at = models.DateTimeField(_("found admissible at"), null=True, blank=True, editable=False)
    hearing_at = models.DateTimeField(_("hearing date and time"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    #: Set by the retention rule: free text replaced, identity erased, files removed.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("filed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]
        permissions = [("handle_complaint", _("Can handle this case as an assigned committee member"))]
        indexes = [
            models.Index(fields=["covenant", "status"], name="complaint_covenant_status"),
            # The case lists, newest first: a page is read from the index, not a sort of every case.
            models.Index(fields=["-created_at", "-id"], name="complaint_newest_first"),
            models.Index(
                fields=["receipt_digest"], name="complaint_receipt", condition=~Q(receipt_digest="")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False) | Q(location__isnull=False), name="complaint_has_subject"
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False) | ~Q(receipt_digest=""), name="complaint_anonymous_has_receipt"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ComplaintEvent(models.Model):
    """One move of a case: who, when, from and to which status, and why."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Who moved it when there is no account: "complainant" (with the receipt code) or "system".
    actor_kind = models.CharField(_("by"), max_length=16, blank=True)
    from_status = models.CharField(_("from"), max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=CaseStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_status} -> {self.to_status}"
