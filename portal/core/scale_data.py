"""Scale data: what `manage.py seed_scale` adds on top of the demo data, to measure the portal at the
size of a large covenant landscape (1,000 companies, 100,000 production locations, 10,000 complaints,
5,000 users by default).

Each app that has rows to add keeps a `scale.py` with `seed(plan, log)`; they run in INSTALLED_APPS
order (the platform's organisations and users first), each in its own transaction, and each adds its
rows only once (a database that has them keeps them). Everything the scale data creates is marked with
`SCALE_PREFIX` in a name or `SCALE_DOMAIN` in an address, so an app recognises its own rows.

The distributions follow what covenant landscapes look like: a few large companies with thousands of
production locations and many small ones with a few dozen (a Pareto curve), sourcing countries
weighted the way garment and food supply chains are, and most complaints about a small share of
the companies. Every draw comes from a random generator seeded per app, so two runs give the same data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

SCALE_PREFIX = "Scale "
SCALE_DOMAIN = "scale.example"


@dataclass(frozen=True)
class ScalePlan:
    companies: int = 1000
    locations: int = 100_000
    complaints: int = 10_000
    users: int = 5000
    seed: int = 2026

    def rng(self, name: str) -> random.Random:
        """A generator of its own per app, so adding rows in one app does not change the others'."""
        return random.Random(f"{self.seed}:{name}")


def skewed_counts(
    total: int, buckets: int, rng: random.Random, *, alpha: float = 1.16, least: int = 0, cap: float = 60.0
) -> list[int]:
    """`total` spread over `buckets` along a Pareto curve (alpha 1.16: about 80 % in 20 % of the
    buckets; no bucket more than `cap` times the smallest weight, as no buyer has all the suppliers),
    each at least `least`; the counts add up to `total` exactly."""
    if buckets <= 0:
        return []
    floor = min(least, total // buckets)
    weights = [min(cap, rng.paretovariate(alpha)) for _ in range(buckets)]
    spread = total - floor * buckets
    scale = spread / sum(weights)
    counts = [floor + int(weight * scale) for weight in weights]
    short = total - sum(counts)
    order = sorted(range(buckets), key=lambda i: weights[i] * scale - int(weights[i] * scale), reverse=True)
    for i in range(short):
        counts[order[i % buckets]] += 1
    return counts


def weighted(rng: random.Random, table: Sequence[tuple[T, float]], k: int = 1) -> list[T]:
    """`k` draws (with replacement) from (value, weight) pairs."""
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(values, weights=weights, k=k)


def distinct(rng: random.Random, table: Sequence[tuple[T, float]], k: int) -> list[T]:
    """Up to `k` different values drawn from (value, weight) pairs, the heavier ones more often."""
    chosen: list[T] = []
    pool = list(table)
    while pool and len(chosen) < k:
        (value,) = weighted(rng, pool)
        chosen.append(value)
        pool = [pair for pair in pool if pair[0] != value]
    return chosen


Log = Any
