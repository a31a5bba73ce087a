"""Scale data for companies: production locations and the supply links of the member companies
(`manage.py seed_scale`; see portal/core/scale_data.py). A few large buyers disclose thousands of
locations, most a few dozen; about one location in seven is shared by two buyers of its covenant; the
countries and processing steps follow the covenant's sector."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from covenants.models import Membership
from portal.core.bulk_insert import insert_rows
from portal.core.scale_data import SCALE_DOMAIN, SCALE_PREFIX, Log, ScalePlan, skewed_counts, weighted

from .models import ProductionLocation, SupplyLink
from .models.choices import ProcessingType, ProductCategory, WorkerBand

GARMENT_COUNTRIES = [("CN", 26), ("BD", 20), ("IN", 14), ("TR", 12), ("VN", 8), ("PK", 6), ("KH", 4),
                     ("MM", 3), ("PT", 3), ("ET", 1), ("MA", 2), ("TN", 1)]  # fmt: skip
OTHER_COUNTRIES = [("CN", 15), ("IN", 12), ("BR", 10), ("ID", 9), ("VN", 7), ("TR", 6), ("ZA", 5),
                   ("PE", 5), ("GH", 4), ("CI", 4), ("MY", 4), ("ES", 3), ("DE", 3)]  # fmt: skip
CITIES = {"CN": ["Guangzhou", "Ningbo", "Shaoxing"], "BD": ["Dhaka", "Gazipur", "Chattogram", "Narayanganj"],
          "IN": ["Tiruppur", "Bengaluru", "Ludhiana"], "TR": ["Istanbul", "Izmir", "Denizli", "Bursa"],
          "VN": ["Ho Chi Minh City", "Hanoi"], "PK": ["Lahore", "Faisalabad", "Karachi"]}  # fmt: skip
WORDS = ["Padma", "Meghna", "Surya", "Ganga", "Ege", "Indus", "Shwe", "Minho", "Hoa", "Ravi", "Lotus", "Star"]
KINDS = ["Knit Composite", "Apparels", "Denim Mills", "Spinning", "Dyeing", "Tekstil", "Garments", "Works"]
TYPES = [(value, weight) for value, weight in zip(ProcessingType.values, [40, 8, 5, 10, 5, 10, 8, 6, 3, 5],
                                                   strict=False)]  # fmt: skip
BANDS = [(value, weight) for value, weight in zip(WorkerBand.values, [20, 35, 20, 15, 5, 5], strict=False)]
CATEGORIES = ProductCategory.values


def seed(plan: ScalePlan, *, log: Log) -> str:
    if SupplyLink.objects.filter(company__name__startswith=SCALE_PREFIX).exists():
        return "already there"
    members = list(
        Membership.objects.filter(contact_email__endswith=f"@{SCALE_DOMAIN}", status__in=["active", "ended"])
        .order_by("pk")
        .values_list("company_id", "covenant_id", "covenant__sector")
    )
    if not members or not plan.locations:
        return "no scale members (the covenants' scale data comes first)"
    rng = plan.rng("companies")
    by_covenant: dict[int, list[int]] = defaultdict(list)
    for company_id, covenant_id, _sector in members:
        by_covenant[covenant_id].append(company_id)
    counts = skewed_counts(plan.locations, len(members), rng, least=min(5, plan.locations // len(members)))
    this_year = date.today().year
    location_rows = []
    owners = []
    number = 0
    for (company_id, covenant_id, sector), count in zip(members, counts, strict=True):
        countries = weighted(
            rng, GARMENT_COUNTRIES if sector == "garments_textile" else OTHER_COUNTRIES, count
        )
        for country in countries:
            city = rng.choice(CITIES.get(country, ["Industrial Zone"]))
            name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {number} Ltd."
            address = f"Plot {number % 997}, Road {number % 61}, {city}"
            location = ProductionLocation(name=name, address=address, city=city).fill_keys()
            location_rows.append(
                (name, address, city, country, sector, weighted(rng, TYPES)[0] if sector == "garments_textile" else "",
                 weighted(rng, BANDS)[0], location.name_key, location.address_key, location.city_key)
            )  # fmt: skip
            owners.append((company_id, covenant_id))
            number += 1
    ids = insert_rows(
        ProductionLocation,
        ["name", "address", "city", "country", "sector", "processing_type", "worker_band",
         "name_key", "address_key", "city_key"],
        location_rows,
    )  # fmt: skip
    link_rows = []
    for location_id, (company_id, covenant_id) in zip(ids, owners, strict=True):
        first = rng.randrange(this_year - 8, this_year + 1)
        link_rows.append((company_id, location_id, covenant_id, weighted(rng, [(1, 70), (2, 22), (3, 8)])[0],
                          [rng.choice(CATEGORIES)], first, rng.random() < 0.35))  # fmt: skip
        buyers = by_covenant[covenant_id]
        if len(buyers) > 1 and rng.random() < 0.15:
            other = rng.choice(buyers)
            if other != company_id:
                link_rows.append((other, location_id, covenant_id, 1, [rng.choice(CATEGORIES)], first, False))
    insert_rows(
        SupplyLink,
        [
            "company_id",
            "location_id",
            "covenant_id",
            "tier",
            "product_categories",
            "first_year",
            "show_publicly",
        ],
        link_rows,
    )
    return f"{len(ids)} production locations, {len(link_rows)} supply links"
