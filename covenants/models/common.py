"""Shared pieces of the covenants models: bilingual values, sectors, complaint stages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def bilingual(nl: str, en: str) -> str:
    """The value in the active language, falling back to the other one when it is empty."""
    if (get_language() or settings.LANGUAGE_CODE).startswith("en"):
        return en or nl
    return nl or en


#: Paths under /<lang>/covenants/ that are pages of their own and so cannot be a covenant's slug.
RESERVED_SLUGS = frozenset(
    {"manage", "new", "memberships", "applications", "cycles", "apply", "api", "edit", "themes"}
)


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is a reserved word in the portal's addresses; choose another slug."),
            code="reserved_slug",
            params={"slug": value},
        )


class Sector(models.TextChoices):
    """The sectors with an IRBC agreement (the labels are translated, so the sector is bilingual)."""

    GARMENTS_TEXTILE = "garments_textile", _("Garments and textile")
    BANKING = "banking", _("Banking")
    GOLD = "gold", _("Gold")
    NATURAL_STONE = "natural_stone", _("Natural stone")
    FOOD_PRODUCTS = "food_products", _("Food products")
    VEGETABLE_PROTEINS = "vegetable_proteins", _("Vegetable proteins")
    INSURANCE = "insurance", _("Insurance")
    PENSION_FUNDS = "pension_funds", _("Pension funds")
    FORESTRY = "forestry", _("Forestry")
    METALS = "metals", _("Metals")
    FLORICULTURE = "floriculture", _("Floriculture")
    OTHER = "other", _("Other")


class ComplaintStage(models.TextChoices):
    """Stages of the complaint mechanism; each covenant sets an indicative time frame per stage."""

    INTAKE = "intake", _("Intake and acknowledgement of receipt")
    ADMISSIBILITY = "admissibility", _("Admissibility check")
    REPLY = "reply", _("Respondent's reply")
    MEDIATION = "mediation", _("Mediation")
    HEARING = "hearing", _("Hearing")
    RULING = "ruling", _("Ruling")
    FOLLOW_UP = "follow_up", _("Follow-up of compliance")


#: Indicative days per stage: acknowledgement within 7 days (the EU whistleblowing directive's floor),
#: admissibility 6 weeks, the respondent's reply 4 weeks, mediation 3 months, the ruling 6 weeks after
#: the hearing, the first follow-up report 6 months after the ruling.
DEFAULT_COMPLAINT_DAYS: dict[str, int] = {
    ComplaintStage.INTAKE: 7,
    ComplaintStage.ADMISSIBILITY: 42,
    ComplaintStage.REPLY: 28,
    ComplaintStage.MEDIATION: 90,
    ComplaintStage.HEARING: 60,
    ComplaintStage.RULING: 42,
    ComplaintStage.FOLLOW_UP: 180,
}
MAX_COMPLAINT_STAGE_DAYS = 730


def default_complaint_time_frames() -> dict[str, int]:
    return {str(stage): days for stage, days in DEFAULT_COMPLAINT_DAYS.items()}


def validate_complaint_time_frames(value: Any) -> None:
    """Every stage present, each a whole number of days between 1 and MAX_COMPLAINT_STAGE_DAYS."""
    if not isinstance(value, dict):
        raise ValidationError(_("The complaint time frames must map each stage to a number of days."))
    unknown = sorted(set(value) - set(ComplaintStage.values))
    if unknown:
        raise ValidationError(
            _("Unknown complaint stage(s): %(stages)s."), params={"stages": ", ".join(unknown)}
        )
    for stage in ComplaintStage:
        days = value.get(stage.value)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_COMPLAINT_STAGE_DAYS:
            raise ValidationError(
                _("Give the indicative time frame for “%(stage)s” as 1 to %(max)s days."),
                params={"stage": stage.label, "max": MAX_COMPLAINT_STAGE_DAYS},
            )


def validate_country_codes(value: str) -> None:
    """Only for migration 0001, which names it; sourcing countries now use django-countries."""
