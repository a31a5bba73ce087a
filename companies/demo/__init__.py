"""Demo production locations and supply links: a few hundred fictional locations in real producer
regions, shared between the two demo textile companies so that the count threshold is visible, the
gold covenant's single-buyer sites listed only as a count, and one potential match waiting for review.

Idempotent and fast: locations have fixed public IDs (drawn from a seeded generator), so a second run
finds them and adds nothing; rows are written with bulk_create.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from covenants.demo.data import COMPANY_1, COMPANY_2
from covenants.models import Covenant, Sector
from portal.accounts.models import Organisation

from ..models import LocationMatch, ProductionLocation, SupplyLink, WorkerBand
from ..models.location import CROCKFORD, PUBLIC_ID_PREFIX
from .data import GOLD_SITES, REGIONS
from .signals import seed_signal

PER_COUNTRY = 40
GOLD_MEMBER = "Goudsmederij Amstel B.V. (demo)"
MATCH_VARIANT_SUFFIX = " Unit 2"


def _public_id(rng: random.Random) -> str:
    return PUBLIC_ID_PREFIX + "".join(rng.choice(CROCKFORD) for _ in range(10))


def _specs(rng: random.Random) -> list[ProductionLocation]:
    specs: list[ProductionLocation] = []
    bands = [band for band in WorkerBand.values if band != WorkerBand.UNKNOWN]
    for country, region in REGIONS.items():
        seen: set[str] = set()
        while len(seen) < PER_COUNTRY:
            business, processing = rng.choice(region["business"])
            city, lat, lon = rng.choice(region["cities"])
            first = rng.choice(region["first"])
            if country == "CN":
                base = f"{region['city_prefix'][city]}{first}{business}"
                name = f"{base}{rng.choice(region['legal'])}"
            else:
                base = f"{first} {business}"
                if base in seen:
                    # A second firm of that name elsewhere carries its city, as firms do.
                    base = f"{first} {city} {business}"
                name = f"{base} {rng.choice(region['legal'])}"
            if base in seen:
                continue
            seen.add(base)
            specs.append(
                ProductionLocation(
                    public_id=_public_id(rng),
                    name=name,
                    address=rng.choice(region["street"]).format(n=rng.randint(1, 250)),
                    city=city,
                    postal_code=str(rng.randint(1000, 9999)),
                    country=country,
                    latitude=Decimal(f"{lat + rng.uniform(-0.08, 0.08):.6f}"),
                    longitude=Decimal(f"{lon + rng.uniform(-0.08, 0.08):.6f}"),
                    sector=Sector.GARMENTS_TEXTILE,
                    processing_type=processing,
                    worker_band=rng.choice(bands),
                ).fill_keys()
            )
    for name, city, country, processing in GOLD_SITES:
        specs.append(
            ProductionLocation(
                public_id=_public_id(rng),
                name=name,
                city=city,
                country=country,
                sector=Sector.GOLD,
                processing_type=processing,
                worker_band=WorkerBand.UNKNOWN,
            ).fill_keys()
        )
    return specs


def seed(*, password: str, log: Any) -> None:
    rng = random.Random(20260707)  # fixed: the same demo every time
    specs = _specs(rng)
    have = set(
        ProductionLocation.objects.filter(public_id__in=[s.public_id for s in specs]).values_list(
            "public_id", flat=True
        )
    )
    ProductionLocation.objects.bulk_create([s for s in specs if s.public_id not in have])
    by_id = {
        loc.public_id: loc
        for loc in ProductionLocation.objects.filter(public_id__in=[s.public_id for s in specs])
    }

    garments = Covenant.objects.get(slug="garments-textile")
    gold = Covenant.objects.get(slug="gold")
    if not gold.aggregate_single_buyer_locations:
        # One member only: any gold site listed by name would point at it.
        Covenant.objects.filter(pk=gold.pk).update(aggregate_single_buyer_locations=True)
    first, second = (Organisation.objects.get(name=n) for n in (COMPANY_1, COMPANY_2))
    gold_member = Organisation.objects.get(name=GOLD_MEMBER)

    links: list[SupplyLink] = []
    for spec in specs:
        location = by_id[spec.public_id]
        if location.sector == Sector.GOLD:
            links.append(SupplyLink(company=gold_member, location=location, covenant=gold, tier=3))
            continue
        draw = rng.random()
        buyers = [first, second] if draw < 0.4 else [first] if draw < 0.7 else [second]
        for company in buyers:
            links.append(
                SupplyLink(
                    company=company,
                    location=location,
                    covenant=garments,
                    tier=rng.choice([1, 1, 1, 2, 3]),
                    product_categories=[rng.choice(["apparel", "fabrics", "home_textiles", "footwear"])],
                    first_year=rng.randint(2015, 2022),
                    last_year=2025,
                    # The first company publishes its list; the second keeps its links confidential.
                    show_publicly=company == first,
                )
            )
    SupplyLink.objects.bulk_create(links, ignore_conflicts=True)

    # One potential match waiting for review: the second company disclosed a variant of a known mill.
    existing = by_id[specs[0].public_id]
    candidate, _created = ProductionLocation.objects.get_or_create(
        name=existing.name + MATCH_VARIANT_SUFFIX,
        country=existing.country,
        defaults={
            "address": existing.address,
            "city": existing.city,
            "sector": existing.sector,
            "processing_type": existing.processing_type,
        },
    )
    SupplyLink.objects.get_or_create(company=second, location=candidate, covenant=garments)
    LocationMatch.objects.get_or_create(
        candidate=candidate,
        existing=existing,
        defaults={
            "submitted_name": candidate.name,
            "submitted_address": candidate.address,
            "score": Decimal("86.50"),
            "rule": "country+city: name 81, address 100",
        },
    )
    log(
        f"  {len(by_id) + 1} production locations, {SupplyLink.objects.count()} supply links, 1 match to review"
    )
    seed_signal(log=log)
