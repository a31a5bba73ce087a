"""The public performance category of a member, by a documented rule on its accepted score (pure).

The accepted self-assessment's total score (0 to 100, see `scoring`) gives the category:

- **leader**: 75 or more: the company applies due diligence along all six steps, with results;
- **good**: 50 up to 75: the steps are in place, with gaps the review names;
- **needs improvement**: below 50.

The boundaries belong to the lower band's top: a score of exactly 75 is a leader, exactly 50 is good.
Two consecutive published categories of *needs improvement* for the same membership put it on a
suspension review in the secretariat's queue; the decision stays with people.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

LEADER_FROM = Decimal("75")
GOOD_FROM = Decimal("50")


class Category(models.TextChoices):
    LEADER = "leader", _("Leader")
    GOOD = "good", _("Good")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement")


def category_for(score: Decimal | int | float) -> Category:
    value = Decimal(str(score))
    if value >= LEADER_FROM:
        return Category.LEADER
    if value >= GOOD_FROM:
        return Category.GOOD
    return Category.NEEDS_IMPROVEMENT
