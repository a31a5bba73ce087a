"""Covenants and their risk themes, with the object-permission tables for covenants."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.accounts.models import Organisation
from portal.accounts.roles import Role

from .common import (
    DEFAULT_COMPLAINT_DAYS,
    ComplaintStage,
    Sector,
    bilingual,
    default_complaint_time_frames,
    validate_complaint_time_frames,
    validate_slug_not_reserved,
)


class Covenant(models.Model):
    """One sector agreement: who signed it, how long it runs, its risk themes and complaint route."""

    class Status(models.TextChoices):
        NEGOTIATION = "negotiation", _("In negotiation")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    slug = models.SlugField(
        _("short name in the address"),
        max_length=80,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, e.g. garments-textile."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nl = models.TextField(_("purpose (Dutch)"), blank=True)
    description_en = models.TextField(_("purpose (English)"), blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEGOTIATION, editable=False
    )
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    secretariat = models.ForeignKey(
        Organisation,
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Role.SECRETARIAT},
    )
    contact_email = models.EmailField(
        _("secretariat contact e-mail address"),
        blank=True,
        help_text=_("Shown on the covenant's page, e.g. for questions about the complaint route."),
    )
    contact_phone = models.CharField(_("secretariat contact telephone number"), max_length=40, blank=True)
    contact_address = models.TextField(_("secretariat postal address"), blank=True)
    complaint_time_frames = models.JSONField(
        _("indicative time frame per complaint stage (days)"),
        default=default_complaint_time_frames,
        validators=[validate_complaint_time_frames],
    )
    aggregate_single_buyer_locations = models.BooleanField(
        _("list single-buyer locations only as an aggregate"),
        default=False,
        help_text=_(
            "With few members even the presence of a location with one buyer can point at that buyer. "
            "When on, the public location list shows such locations of this covenant only as a count "
            "per country, city and processing type."
        ),
    )
    themes = models.ManyToManyField(
        "covenants.RiskTheme", verbose_name=_("risk themes"), blank=True, related_name="covenants"
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        ordering = ["name_en", "pk"]
        permissions = [("view_governance", _("Can see the steering group and its meetings"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="covenant_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(signed_on__lte=F("ends_on")),
                name="covenant_signed_before_end",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["negotiation", "active", "ended"]), name="covenant_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end date must be after the start date.")
        if self.signed_on and self.ends_on and self.signed_on > self.ends_on:
            errors["signed_on"] = _("The signing date cannot be after the end date.")
        if errors:
            raise ValidationError(errors)

    @property
    def name(self) -> str:
        return bilingual(self.name_nl, self.name_en)

    @property
    def description(self) -> str:
        return bilingual(self.description_nl, self.description_en)

    @property
    def accepts_members(self) -> bool:
        """Companies join an active covenant: not one still in negotiation, nor one that has ended."""
        return self.status == self.Status.ACTIVE

    def complaint_stage_days(self) -> list[tuple[str, str, int]]:
        """(stage code, translated label, indicative days) in procedure order."""
        frames = self.complaint_time_frames or {}
        return [
            (stage.value, str(stage.label), int(frames.get(stage.value, DEFAULT_COMPLAINT_DAYS[stage])))
            for stage in ComplaintStage
        ]


#: The ten standard risk themes: (code, Dutch name, English name), in display order.
STANDARD_RISK_THEMES: tuple[tuple[str, str, str], ...] = (
    ("child-labour", "Kinderarbeid", "Child labour"),
    ("forced-labour", "Dwangarbeid", "Forced labour"),
    ("living-wage", "Leefbaar loon", "Living wage"),
    (
        "freedom-of-association",
        "Vrijheid van vakvereniging en collectief onderhandelen",
        "Freedom of association and collective bargaining",
    ),
    ("discrimination-gender", "Discriminatie en gender", "Discrimination and gender"),
    ("health-safety", "Gezondheid en veiligheid", "Health and safety"),
    ("land-rights", "Landrechten", "Land rights"),
    ("environment", "Milieu (water, chemicaliën, klimaat)", "Environment (water, chemicals, climate)"),
    ("animal-welfare", "Dierenwelzijn", "Animal welfare"),
    ("corruption", "Corruptie", "Corruption"),
)


class RiskTheme(models.Model):
    """A risk theme. The ten standard themes are shared; a covenant may add its own (not standard)."""

    code = models.SlugField(_("code"), max_length=80)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    is_standard = models.BooleanField(_("standard theme"), default=False)
    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("added by covenant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_themes",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("risk theme")
        verbose_name_plural = _("risk themes")
        ordering = ["position", "name_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_standard=True, covenant__isnull=True)
                | Q(is_standard=False, covenant__isnull=False),
                name="risktheme_standard_xor_owner",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(covenant__isnull=True), name="risktheme_unique_standard_code"
            ),
            models.UniqueConstraint(fields=["covenant", "code"], name="risktheme_unique_code_per_covenant"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self.name_nl, self.name_en)


class CovenantUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Covenant, on_delete=models.CASCADE)


class CovenantGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Covenant, on_delete=models.CASCADE)
