"""How an adverse impact is prioritised: the documented rule of the risk register (OECD Due Diligence
Guidance, prioritisation by severity and likelihood). Pure: no database.

**Severity** is judged on three scales, each from low (1) to very high (4): *scale* (how grave),
*scope* (how many people, how widespread) and *irremediable character* (how hard to put right). Any
one of them alone can make an impact severe, so the severity is the highest of the three (not their
average: a very grave impact on few people is still very grave).

**Likelihood** runs from unlikely (1) to very likely (4). An impact that has already happened (an
actual impact) counts as very likely: it is not a question of chance any more.

**Priority**, severity first:

| severity \\ likelihood | unlikely | possible | likely | very likely |
|---|---|---|---|---|
| very high | high | critical | critical | critical |
| high | medium | high | high | critical |
| medium | low | medium | medium | high |
| low | low | low | low | medium |

Within a band, impacts are ordered by severity, then likelihood, then the sum of the three severity
scales (the broader harm first), so the register always reads most urgent first.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """One severity scale: scale, scope or irremediable character."""

    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")
    VERY_HIGH = 4, _("very high")


class Likelihood(models.IntegerChoices):
    UNLIKELY = 1, _("unlikely")
    POSSIBLE = 2, _("possible")
    LIKELY = 3, _("likely")
    VERY_LIKELY = 4, _("very likely")


class Priority(models.TextChoices):
    CRITICAL = "critical", _("critical")
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


#: Rows: severity 4 (very high) down to 1 (low); columns: likelihood 1 (unlikely) to 4 (very likely).
_TABLE: dict[int, tuple[Priority, Priority, Priority, Priority]] = {
    4: (Priority.HIGH, Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL),
    3: (Priority.MEDIUM, Priority.HIGH, Priority.HIGH, Priority.CRITICAL),
    2: (Priority.LOW, Priority.MEDIUM, Priority.MEDIUM, Priority.HIGH),
    1: (Priority.LOW, Priority.LOW, Priority.LOW, Priority.MEDIUM),
}
_BAND_ORDER = {Priority.CRITICAL: 4, Priority.HIGH: 3, Priority.MEDIUM: 2, Priority.LOW: 1}


def _checked(value: int, name: str) -> int:
    if value not in (1, 2, 3, 4):
        raise ValueError(f"{name} must be 1 to 4, not {value!r}")
    return value


def severity(scale: int, scope: int, irremediable: int) -> int:
    """The severity, 1 to 4: the highest of the three scales."""
    return max(_checked(scale, "scale"), _checked(scope, "scope"), _checked(irremediable, "irremediable"))


def effective_likelihood(likelihood: int, *, actual: bool = False) -> int:
    """The likelihood that counts: an actual impact counts as very likely."""
    return Likelihood.VERY_LIKELY if actual else _checked(likelihood, "likelihood")


def priority(scale: int, scope: int, irremediable: int, likelihood: int, *, actual: bool = False) -> Priority:
    """The priority band by the table above."""
    level = severity(scale, scope, irremediable)
    return _TABLE[level][effective_likelihood(likelihood, actual=actual) - 1]


def priority_rank(scale: int, scope: int, irremediable: int, likelihood: int, *, actual: bool = False) -> int:
    """A number that sorts impacts most urgent first (higher is more urgent): band, severity, likelihood,
    then the sum of the three scales."""
    level = severity(scale, scope, irremediable)
    chance = effective_likelihood(likelihood, actual=actual)
    band = _BAND_ORDER[_TABLE[level][chance - 1]]
    return band * 10_000 + level * 1_000 + chance * 100 + (scale + scope + irremediable)
