"""Parties, the steering group and its meetings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Organisation
from portal.accounts.roles import Role

from .common import bilingual
from .covenant import Covenant


class PartyRole(models.TextChoices):
    MEMBER_COMPANY = "member_company", _("Member company")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
    GOVERNMENT = "government", _("Government")
    TRADE_UNION = "trade_union", _("Trade union")
    NGO = "ngo", _("NGO")
    SECRETARIAT = "secretariat", _("Secretariat")


#: The kind of organisation each party role needs.
PARTY_ROLE_KIND: dict[str, Role] = {
    PartyRole.MEMBER_COMPANY: Role.COMPANY,
    PartyRole.INDUSTRY_ASSOCIATION: Role.INDUSTRY_ASSOCIATION,
    PartyRole.GOVERNMENT: Role.GOVERNMENT,
    PartyRole.TRADE_UNION: Role.TRADE_UNION,
    PartyRole.NGO: Role.NGO,
    PartyRole.SECRETARIAT: Role.SECRETARIAT,
}


def _current_q(end_field: str, on: date | None, prefix: str) -> Q:
    day = on or timezone.localdate()
    return Q(**{f"{prefix}{end_field}__isnull": True}) | Q(**{f"{prefix}{end_field}__gte": day})


class PartyQuerySet(models.QuerySet["Party"]):
    """`current(on=day)`: the rows that have not ended before `day` (today when omitted). The one
    definition of a current party; a row ended on a future date is current until that date."""

    @staticmethod
    def current_q(on: date | None = None, prefix: str = "") -> Q:
        """The same rule as a Q, for filters across relations (`prefix="parties__"`) and subqueries."""
        return _current_q("left_on", on, prefix)

    def current(self, on: date | None = None) -> PartyQuerySet:
        return self.filter(self.current_q(on))


class Party(models.Model):
    """An organisation that signed the covenant, in one role, from one date (until another).

    Member companies become a party when their membership is approved and stop being one when it
    ends (written by the membership services); the other parties are managed by the secretariat.
    """

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="covenant_parties",
    )
    role = models.CharField(_("party role"), max_length=32, choices=PartyRole.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects: Any = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["role", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "organisation"],
                condition=Q(left_on__isnull=True),
                name="party_one_current_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="party_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The date of leaving cannot be before the date of joining.")})

    @property
    def is_current(self) -> bool:
        """The Python form of `PartyQuerySet.current_q` for a row already loaded."""
        return self.left_on is None or self.left_on >= timezone.localdate()


class SteeringSeatQuerySet(models.QuerySet["SteeringGroupMember"]):
    """`current(on=day)`: the seats that have not ended before `day` (today when omitted). A seat
    ended on a future date keeps its holder's access until that date."""

    @staticmethod
    def current_q(on: date | None = None, prefix: str = "") -> Q:
        return _current_q("until", on, prefix)

    def current(self, on: date | None = None) -> SteeringSeatQuerySet:
        return self.filter(self.current_q(on))


class SteeringGroupMember(models.Model):
    """A seat on the covenant's steering group: the person, whom they represent, and whether they chair."""

    class Represents(models.TextChoices):
        INDEPENDENT = "independent", _("Independent")
        GOVERNMENT = "government", _("Government")
        INDUSTRY = "industry", _("Industry and companies")
        TRADE_UNIONS = "trade_unions", _("Trade unions")
        NGOS = "ngos", _("NGOs")

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="steering_group"
    )
    person_name = models.CharField(_("name"), max_length=200)
    represents = models.CharField(_("represents"), max_length=16, choices=Represents.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. A member with an account sees the steering group's meetings."),
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    objects: Any = SteeringSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group members")
        ordering = ["-is_chair", "person_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant"],
                condition=Q(is_chair=True, until__isnull=True),
                name="steeringgroup_one_current_chair",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="steeringgroup_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name


def _minutes_path(instance: SteeringGroupMeeting, filename: str) -> str:
    # The stored name is generated in the service; this only places it.
    return f"covenants/minutes/{filename}"


class SteeringGroupMeeting(models.Model):
    """A steering-group meeting: date, agenda, minutes file and decisions. Parties only, never public."""

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    # The Dutch text is the record; the English one is an optional translation for English pages.
    agenda = models.TextField(_("agenda (Dutch)"))
    agenda_en = models.TextField(_("agenda (English)"), blank=True)
    decisions = models.TextField(_("decisions (Dutch)"), blank=True)
    decisions_en = models.TextField(_("decisions (English)"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to=_minutes_path, blank=True)
    minutes_name = models.CharField(_("minutes file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("steering group meeting")
        verbose_name_plural = _("steering group meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.covenant} {self.held_on:%Y-%m-%d}"

    @property
    def agenda_text(self) -> str:
        """The agenda in the page's language (English when translated, else the Dutch record)."""
        return bilingual(self.agenda, self.agenda_en)

    @property
    def decisions_text(self) -> str:
        return bilingual(self.decisions, self.decisions_en)
