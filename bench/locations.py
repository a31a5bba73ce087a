"""The public location list at growing sizes: time, number of queries, and the query plans of every
filter and the search (see bench/README.md). Measures and reports; asserts nothing."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

COUNTRIES = ["BD", "IN", "TR", "CN", "VN", "PK", "MM", "PT", "KH", "ET"]
WORDS = ["Padma", "Meghna", "Surya", "Ganga", "Ege", "Indus", "Shwe", "Minho", "Hoa", "Ravi", "Nodi"]
KINDS = ["Knit Composite", "Apparels", "Denim Mills", "Spinning", "Dyeing", "Tekstil", "Garment"]


def fill(size: int, have: int, covenant, companies) -> None:
    from companies.models import ProcessingType, ProductionLocation, SupplyLink

    rng = random.Random(size)
    types = ProcessingType.values
    batch = 5000
    for start in range(have, size, batch):
        locations = ProductionLocation.objects.bulk_create(
            [
                ProductionLocation(
                    name=f"{rng.choice(WORDS)} {rng.choice(KINDS)} {n} Ltd.",
                    address=f"Plot {n}, Industrial Road",
                    city=f"City {n % 50}",
                    country=COUNTRIES[n % len(COUNTRIES)],
                    sector="garments_textile",
                    processing_type=types[n % len(types)],
                ).fill_keys()
                for n in range(start, min(size, start + batch))
            ]
        )
        links = []
        for location in locations:
            for company in rng.sample(companies, rng.choice([1, 1, 2, 3])):
                links.append(
                    SupplyLink(
                        company=company,
                        location=location,
                        covenant=covenant,
                        show_publicly=rng.random() < 0.3,
                    )
                )
        SupplyLink.objects.bulk_create(links)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client: Client, url: str, repeat: int) -> tuple[float, int, list[str]]:
    client.get(url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries), [q["sql"] for q in queries.captured_queries]


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
        return "\n".join("      " + row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--plans", action="store_true", help="print the query plan of each page's row query")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from portal.accounts.roles import Role
        from tests.covenants.factories import CovenantFactory
        from tests.factories import OrganisationFactory

        covenant = CovenantFactory(slug="bench")
        companies = [OrganisationFactory(kind=Role.COMPANY) for _ in range(40)]
        client = Client()
        pages = [
            ("all, page 1", "/en/locations/"),
            ("all, page 100", "/en/locations/?page=100"),
            ("country", "/en/locations/?country=TR"),
            ("covenant", "/en/locations/?covenant=bench"),
            ("processing type", "/en/locations/?processing_type=dyeing"),
            ("search by name", "/en/locations/?q=meghna+knit"),
        ]
        print(f"{'locations':>9} {'page':<18} {'median ms':>10} {'queries':>8}")
        have = 0
        for size in sorted(args.sizes):
            fill(size, have, covenant, companies)
            have = size
            for label, url in pages:
                median, count, sqls = measure(client, url, args.repeat)
                print(f"{size:>9} {label:<18} {median:>10.1f} {count:>8}")
                if args.plans:
                    # The page's ids (the filtered, ordered list) and the page's rows with their counts.
                    for sql in sqls:
                        if "companies_productionlocation" in sql and (
                            "LIMIT" in sql or "company_count" in sql
                        ):
                            print(plan(sql))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
