"""A company's own supplier chain per product category: its tier 1 locations and the tier 2 and 3
locations behind them where known, with the gaps named ("tier 2 unknown").

Only the company's own links are read (one query, whatever the number of links); nobody else's chain
can be asked for: there is no id to give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .models import ProductCategory, SupplyLink, Tier

#: The key of the group of links without a product category.
UNCATEGORISED = ""


@dataclass
class TierGroup:
    tier: int
    label: str
    links: list[SupplyLink] = field(default_factory=list)


@dataclass
class CategoryChain:
    category: str
    label: str
    tiers: list[TierGroup]

    @property
    def gaps(self) -> list[int]:
        """The tiers without a known location: shown as "tier 2 unknown" and so on."""
        return [group.tier for group in self.tiers if not group.links]


def supply_chain_for(company_id: int) -> list[CategoryChain]:
    """The chains of the company, one per product category it has links in, in the order of the
    category list; links without a category form the last group. A link with several categories
    appears in each."""
    links = (
        SupplyLink.objects.filter(company_id=company_id)
        .select_related("location", "covenant")
        .order_by("tier", "location__name_key", "location_id", "covenant_id")
    )
    tier_labels = {value: str(label) for value, label in Tier.choices}
    chains: dict[str, dict[int, TierGroup]] = {}
    for link in links:
        for category in link.product_categories or [UNCATEGORISED]:
            tiers = chains.setdefault(
                category, {tier: TierGroup(tier, tier_labels[tier]) for tier in Tier.values}
            )
            group = tiers[link.tier]
            if all(known.location_id != link.location_id for known in group.links):
                group.links.append(link)
    order: dict[str, Any] = {value: index for index, value in enumerate(ProductCategory.values)}
    labels = {value: str(label) for value, label in ProductCategory.choices}
    labels[UNCATEGORISED] = _("No product category given")
    return [
        CategoryChain(category, labels.get(category, category), list(chains[category].values()))
        for category in sorted(chains, key=lambda key: order.get(key, len(order)))
    ]
