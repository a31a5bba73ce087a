"""Potential matches between locations, and the history of every location (merges and their undo)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .location import ProductionLocation


class LocationMatch(models.Model):
    """A location that may be the same place as an existing one, with the score and the rule that said so.

    Automatic matches are recorded too (status `automatic`, no candidate location: the submitted
    row was attached to the existing location straight away)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        AUTOMATIC = "automatic", _("Matched automatically")

    candidate = models.ForeignKey(
        ProductionLocation,
        verbose_name=_("new location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matches_as_candidate",
    )
    existing = models.ForeignKey(
        ProductionLocation,
        verbose_name=_("existing location"),
        on_delete=models.PROTECT,
        related_name="matches_as_existing",
    )
    submitted_name = models.CharField(_("submitted name"), max_length=500)
    submitted_address = models.CharField(_("submitted address"), max_length=1000, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    rule = models.CharField(_("rule"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("potential location match")
        verbose_name_plural = _("potential location matches")
        ordering = ["-score", "pk"]
        indexes = [models.Index(fields=["status", "-score"], name="location_match_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="location_match_score_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "rejected", "automatic"]),
                name="location_match_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(candidate=models.F("existing")), name="location_match_two_locations"
            ),
            models.UniqueConstraint(
                fields=["candidate", "existing"],
                condition=Q(candidate__isnull=False),
                name="location_match_pair_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submitted_name} ~ {self.existing_id} ({self.score})"


class LocationEvent(models.Model):
    """One entry in a location's history. A merge keeps what it moved, so that its undo can restore it."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        MERGED_INTO = "merged_into", _("Merged into another location")
        MERGE_UNDONE = "merge_undone", _("Merge undone")
        STATUS_CHANGED = "status_changed", _("Status changed")

    location = models.ForeignKey(
        ProductionLocation, verbose_name=_("location"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    other_location = models.ForeignKey(
        ProductionLocation,
        verbose_name=_("other location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("from status"), max_length=16, blank=True)
    to_status = models.CharField(_("to status"), max_length=16, blank=True)
    #: For a merge: the ids of the links moved to the target, and the links that the target already had
    #: for the same company and covenant (removed from the source, kept here to be recreated on undo).
    data = models.JSONField(_("details"), default=dict, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("location event")
        verbose_name_plural = _("location events")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["created", "merged_into", "merge_undone", "status_changed"]),
                name="location_event_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.location_id} {self.kind}"
