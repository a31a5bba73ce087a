"""Demo data: the steering group's foreword to last year's report of the garment covenant, so the
demo secretariat can make that report at once (the PDF itself is made on request, in the background).
Idempotent: a second run changes nothing."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from covenants.models import Covenant

from .models import Foreword

TEXT_NL = (
    "Dit jaar legden alle leden hun zelfevaluatie af langs de zes stappen van de OESO-richtlijnen. "
    "De stuurgroep ziet vooruitgang bij het in kaart brengen van de keten, en werk dat blijft bij "
    "leefbaar loon en vakbondsvrijheid.\n\n"
    "Wij danken de leden, de vakbonden en de maatschappelijke organisaties voor hun inzet."
)
TEXT_EN = (
    "This year every member reported its self-assessment along the six steps of the OECD Guidelines. "
    "The steering group sees progress in mapping the supply chain, and work that remains on living "
    "wages and freedom of association.\n\n"
    "We thank the members, the trade unions and the civil society organisations for their commitment."
)


def seed(*, password: str, log: Any) -> None:
    garments = Covenant.objects.filter(slug="garments-textile").first()
    if garments is None:
        return
    Foreword.objects.get_or_create(
        covenant=garments,
        year=timezone.localdate().year - 1,
        defaults={"text_nl": TEXT_NL, "text_en": TEXT_EN},
    )
    log("  annual reports: the foreword to last year's report of the garment covenant")
