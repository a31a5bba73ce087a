"""Time the public covenant pages and API at growing member counts (see bench/README.md)."""

from __future__ import annotations

import argparse
import os
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


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm up
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, nargs="+", default=[10, 200, 2000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from tests.covenants.factories import CovenantFactory, MembershipFactory

        covenant = CovenantFactory(slug="bench")
        client = Client()
        print(f"{'members':>8} {'page':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        have = 0
        for size in sorted(args.members):
            MembershipFactory.create_batch(size - have, covenant=covenant, active=True)
            have = size
            for label, url in [
                ("covenant list", "/en/covenants/"),
                ("covenant page", f"/en/covenants/{covenant.slug}/"),
                ("API members (page 1)", f"/api/v1/covenants/{covenant.slug}/members/"),
            ]:
                median, p95, queries = measure(client, url, args.repeat)
                print(f"{size:>8} {label:<28} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
