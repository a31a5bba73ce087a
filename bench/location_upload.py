"""An uploaded location list applied end to end, against a plain PostgreSQL COPY of the same rows.

Seeds `--existing` locations (COPY) into its own database, generates a `--rows` CSV with realistic
mess (the generator of bench/location_parse.py: 5% near-duplicates, 1% broken rows), then, in a
fresh child process as the worker would run it, uploads, parses, validates and applies the list
through the services (companies.uploads -> companies.bulk), and reports wall time and the child's
peak resident memory (ru_maxrss). In the same run the same CSV rows are COPYed into a scratch table:
the physical floor. Loopback PostgreSQL only; the database is dropped at the end.

    .venv/bin/python bench/location_upload.py [--rows 100000] [--existing 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/portal_bench_upload"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"

import django  # noqa: E402

django.setup()

import location_parse  # noqa: E402
from django.db import connection  # noqa: E402


def seed(existing: int) -> None:
    """Existing locations written with COPY (keys normalised as the services do)."""
    from django.utils import timezone

    from companies.models import ProductionLocation

    fields = [f for f in ProductionLocation._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f.column for f in fields)
    now = timezone.now()
    rng = random.Random(3)
    codes = ["BD", "IN", "TR", "CN", "VN", "PK", "MM", "PT"]
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY companies_productionlocation ({columns}) FROM STDIN") as copy:
            for n, row in enumerate(location_parse.generate(existing, seed=5)):
                country = codes[n % len(codes)]
                cities = dict(location_parse.COUNTRIES)
                location = ProductionLocation(
                    name=row[0].lstrip("="),
                    address=row[1],
                    city=rng.choice(next(iter(cities.values()))) if country == "BD" else row[2],
                    postal_code=row[3],
                    country=country,
                    created_at=now,
                    updated_at=now,
                ).fill_keys()
                copy.write_row([_plain(getattr(location, f.attname)) for f in fields])


def _plain(value: object) -> object:
    return str(value) if type(value).__name__ == "Country" else value


def reference_copy(path: Path) -> float:
    """The floor: the same CSV rows COPYed as text into a scratch table."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_scratch ("
            + ", ".join(f"c{i} text" for i in range(len(location_parse.HEADER)))
            + ")"
        )
        with (
            path.open(encoding="utf-8-sig", newline="") as handle,
            cursor.cursor.copy("COPY bench_scratch FROM STDIN") as copy,
        ):
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            for row in reader:
                row = (row + [""] * len(location_parse.HEADER))[: len(location_parse.HEADER)]
                copy.write_row(row)
    return time.perf_counter() - started


def child(path: str, database: str, profile: str = "") -> None:
    """Runs in its own process: the upload pipeline as the worker runs it."""
    from django.core.files import File

    from companies import uploads
    from companies.models import LocationUpload
    from portal.accounts.roles import Role
    from tests.covenants.factories import MembershipFactory
    from tests.factories import user_with_role

    connection.settings_dict["NAME"] = database
    user = user_with_role(Role.COMPANY, preferred_language="en")
    membership = MembershipFactory(company=user.organisation, active=True)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    with open(path, "rb") as handle:
        upload, _created = uploads.location_upload_create(
            actor=user, covenant=membership.covenant, file=File(handle, name="list.csv")
        )
    parsed = time.perf_counter()
    upload.refresh_from_db()
    uploads.location_upload_confirm(actor=user, upload=upload)
    done = time.perf_counter()
    if profiler is not None:
        import pstats

        profiler.disable()
        with open(profile, "w") as out:
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(60)
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(40)
    upload = LocationUpload.objects.get(pk=upload.pk)
    from companies.models import LocationMatch

    review = LocationMatch.objects.filter(status=LocationMatch.Status.PENDING).count()
    print(
        json.dumps(
            {
                "parse_s": parsed - started,
                "apply_s": done - parsed,
                "total_s": done - started,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "status": upload.status,
                "review": review,
                "counts": {
                    k: getattr(upload, k)
                    for k in ("rows", "valid", "rejected", "duplicates", "created", "matched", "updated")
                },
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "upload"))
    parser.add_argument("--profile", default="", help="write a cProfile report of the pipeline to this file")
    parser.add_argument("--json", default="", help="also write the figures to this file (make bench)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    database = connection.settings_dict["NAME"]
    try:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"upload-{args.rows}.csv"
        location_parse.write_csv(path, location_parse.HEADER, location_parse.generate(args.rows))
        started = time.perf_counter()
        seed(args.existing)
        print(f"seeded {args.existing} locations with COPY in {time.perf_counter() - started:.1f} s")
        floor = reference_copy(path)
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(path), database, args.profile],
            check=True,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        numbers = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"{'step':<32} {'seconds':>9} {'ratio to COPY':>14}")
        print(f"{'plain COPY of the same rows':<32} {floor:>9.2f} {1:>14.1f}")
        for key, label in (("parse_s", "upload + parse + validate"), ("apply_s", "confirm + match + apply")):
            print(f"{label:<32} {numbers[key]:>9.2f} {numbers[key] / floor:>14.1f}")
        print(f"{'whole pipeline':<32} {numbers['total_s']:>9.2f} {numbers['total_s'] / floor:>14.1f}")
        print(f"worker peak RSS {numbers['peak_mb']:.0f} MB; status {numbers['status']}; {numbers['counts']}")
        print(f"potential matches waiting for review: {numbers['review']}")
        if args.json:
            Path(args.json).write_text(json.dumps({**numbers, "copy_s": floor}))
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
