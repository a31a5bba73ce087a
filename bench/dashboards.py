"""The dashboards at scale: 1,000 member companies, 100,000 production locations, 10,000 complaints
and 5,000 users on one covenant, 10 signed-in users at a time, against a one-query page.

Starts gunicorn (sync workers) with production settings on loopback, on its own PostgreSQL database
(the demo data plus the bulk above), signs in ten secretariat and ten government users, and loads
each page with one connection per user for a fixed time: requests per second, p50/p95 latency and the
workers' CPU per request, each beside the reference page measured in the same run (the pages take
turns, so a burst of other load on a shared machine hits them all alike). Prints the SQL queries of
each page too, once with the figures cached and once computed. See bench/README.md; it measures and
reports, it asserts nothing.

    .venv/bin/python bench/dashboards.py --redis-url redis://127.0.0.1:6379/11
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import page_cpu as pc

ROOT = pc.ROOT
COVENANT = pc.BENCH_COVENANT
COUNTRIES = ["BD", "IN", "TR", "CN", "VN", "PK", "MM", "PT", "KH", "ET", "MA", "TN"]


# --- the data (runs inside Django, in a child process with the server's settings) ------------------


def fill(companies: int, locations: int, complaints: int, users: int) -> None:
    """Add the bulk to the bench covenant, once (a database that has it already is left as it is)."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from companies.models import ProcessingType, ProductionLocation, SupplyLink
    from complaints.models import Complaint, StageRecord
    from complaints.status import CaseStatus, ComplaintStage
    from covenants.demo import DECLARATION
    from covenants.models import AnnualCycle, Covenant, Membership
    from duediligence.models import Action, Assessment, Risk, SectionScore
    from portal.accounts.models import Organisation, User
    from portal.accounts.roles import Role
    from portal.core.bulk_insert import insert_rows

    covenant = Covenant.objects.get(slug=COVENANT)
    if Organisation.objects.filter(name__startswith="Bench company").exists():
        print("the bench data is there already")
        return
    rng = random.Random(2026)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench company {n:04d} B.V.", kind=Role.COMPANY, status=Organisation.Status.APPROVED
            )
            for n in range(companies)
        )
        Membership.objects.bulk_create(
            Membership(covenant=covenant, company=org, status=Membership.Status.ACTIVE, contact_name="Bench",
                       contact_email=f"bench{n}@bench.example", joined_on=date(2020 + n % 6, 1 + n % 12, 1),
                       **DECLARATION)
            for n, org in enumerate(orgs)
        )  # fmt: skip
        password = make_password(None)
        User.objects.bulk_create(
            User(email=f"user{n}@bench.example", organisation=orgs[n % len(orgs)], password=password)
            for n in range(users)
        )
        types = ProcessingType.values
        for start in range(0, locations, 10_000):
            rows = []
            for n in range(start, min(locations, start + 10_000)):
                location = ProductionLocation(name=f"Bench mill {n} Ltd.", address=f"Plot {n}, Industrial Road",
                                              city=f"City {n % 90}", country=COUNTRIES[n % len(COUNTRIES)],
                                              sector="garments_textile", processing_type=types[n % len(types)]).fill_keys()  # fmt: skip
                rows.append((location.name, location.address, location.city, COUNTRIES[n % len(COUNTRIES)], location.sector,
                             location.processing_type, location.name_key, location.address_key, location.city_key))  # fmt: skip
            ids = insert_rows(ProductionLocation, ["name", "address", "city", "country", "sector", "processing_type",
                                                   "name_key", "address_key", "city_key"], rows)  # fmt: skip
            insert_rows(SupplyLink, ["company_id", "location_id", "covenant_id"],
                        [(orgs[rng.randrange(len(orgs))].pk, pk, covenant.pk) for pk in ids])  # fmt: skip
        cycle = AnnualCycle.objects.filter(covenant=covenant).order_by("-year").first()
        framework = Assessment.objects.filter(cycle=cycle).values_list("framework_id", flat=True).first()
        if cycle is not None and framework is not None:
            assessments = Assessment.objects.bulk_create(
                Assessment(company=org, covenant=covenant, cycle=cycle, framework_id=framework,
                           status=rng.choice(["draft", "submitted", "accepted", "accepted"]))
                for org in orgs
            )  # fmt: skip
            from duediligence.models import Section

            sections = list(Section.objects.filter(framework_id=framework).values_list("pk", flat=True))
            insert_rows(SectionScore, ["assessment_id", "section_id", "proposed"],
                        [(a.pk, s, rng.randrange(0, 101)) for a in assessments if a.status == "accepted" for s in sections])  # fmt: skip
        themes = list(covenant.themes.values_list("pk", flat=True))
        risks = Risk.objects.bulk_create(
            Risk(company=orgs[n % len(orgs)], theme_id=themes[n % len(themes)], title=f"Risk {n}",
                 involvement="linked", countries=[COUNTRIES[n % len(COUNTRIES)]], scale=1 + n % 4, scope=1 + n % 3,
                 irremediable=1 + n % 4, likelihood=1 + n % 4).rank()
            for n in range(3 * companies)
        )  # fmt: skip
        today = timezone.localdate()
        Action.objects.bulk_create(
            Action(company_id=risk.company_id, risk=risk, title="Act", owner="CSR",
                   due_on=today + timedelta(days=rng.randrange(-90, 200)))
            for risk in risks
        )  # fmt: skip
        running = [s for s in CaseStatus if s not in {CaseStatus.CLOSED, CaseStatus.INADMISSIBLE}]
        statuses = [*running, CaseStatus.CLOSED, CaseStatus.CLOSED]
        cases = []
        for n in range(complaints):
            status = statuses[n % len(statuses)]
            cases.append(Complaint(reference=f"BENCH-{n:06d}", covenant=covenant, company=orgs[n % len(orgs)],
                                   status=status, filer="worker", what_happened="Wages were not paid.",
                                   created_at=now - timedelta(days=rng.randrange(0, 700)),
                                   closed_at=now - timedelta(days=rng.randrange(0, 300)) if status == CaseStatus.CLOSED else None))  # fmt: skip
        cases = Complaint.objects.bulk_create(cases, batch_size=2000)
        StageRecord.objects.bulk_create(
            (StageRecord(complaint=case, stage=ComplaintStage.values[0], started_at=case.created_at,
                         due_at=case.created_at + timedelta(days=rng.randrange(10, 400)))
             for case in cases if case.status != CaseStatus.CLOSED),
            batch_size=2000,
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"filled in {time.perf_counter() - started:.0f} s")


def sessions(count: int) -> dict[str, list[str]]:
    """Session keys of `count` signed-in secretariat and government users (made for the bench)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from portal.accounts.models import Organisation, User
    from portal.accounts.roles import Role

    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    keys: dict[str, list[str]] = {}
    for role in (Role.SECRETARIAT, Role.GOVERNMENT):
        org = Organisation.objects.filter(kind=role, status=Organisation.Status.APPROVED).first()
        keys[role] = []
        for n in range(count):
            user, _ = User.objects.get_or_create(
                email=f"bench-{role}-{n}@bench.example", defaults={"organisation": org}
            )
            store = engine()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            keys[role].append(store.session_key)
    return keys


def query_counts(paths: dict[str, tuple[str, str]]) -> dict[str, list[int]]:
    """SQL queries of each page: [figures computed, figures cached] (the test client, same settings)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.accounts.models import User
    from portal.dashboards.cache import FIGURES

    counts = {}
    for label, (email, path) in paths.items():
        client = Client(HTTP_HOST="127.0.0.1")
        if email:
            client.force_login(User.objects.get(email=email))
        FIGURES.bump()
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            runs.append(len(queries) if status == 200 else -status)
        counts[label] = runs
    return counts


def child(args: argparse.Namespace) -> None:
    import django

    django.setup()
    if args.child == "fill":
        fill(args.companies, args.locations, args.complaints, args.users)
    elif args.child == "sessions":
        print(json.dumps(sessions(args.connections)))
    else:
        print(json.dumps(query_counts(json.loads(args.paths))))


# --- the load ------------------------------------------------------------------------------------


def fetch(port: int, path: str, cookie: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Accept-Encoding": "identity"}
        if cookie:
            headers["Cookie"] = f"sessionid={cookie}"
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def load(port: int, path: str, cookies: list[str], seconds: float) -> pc.Result:
    """One connection per user, each sending its next request when the answer is read."""
    result = pc.Result(label="", path=path)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user(cookie: str) -> None:
        latencies, ok, errors = [], 0, 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status = fetch(port, path, cookie)
            except OSError:
                status = 0
            latencies.append(time.perf_counter() - started)
            ok, errors = (ok + 1, errors) if status == 200 else (ok, errors + 1)
        with lock:
            result.latencies.extend(latencies)
            result.requests += ok
            result.errors += errors

    threads = [threading.Thread(target=user, args=(cookie,)) for cookie in cookies]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def run_child(env: dict[str, str], *extra: str) -> str:
    command = [sys.executable, __file__, *extra]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="portal_bench_dashboards")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database first")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database as it is")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--locations", type=int, default=100_000)
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=10, help="signed-in users at a time")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time per page")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--no-cache", action="store_true", help="compute the figures on every request")
    parser.add_argument("--child", choices=["fill", "sessions", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("--paths", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    args.redis_url = args.redis_url or ""
    env = pc.server_environment(args)
    env["PORTAL_REQUIRE_MFA"] = "0"  # the bench's users sign in by session, without a second factor
    if args.no_cache:
        env["PORTAL_DASHBOARD_CACHE"] = "0"
    if not args.skip_setup:
        pc.create_database(env["DATABASE_URL"], fresh=args.fresh)
        pc.manage(env, "migrate", "--noinput", "-v", "0")
        pc.manage(env, "collectstatic", "--noinput", "-v", "0")
        pc.manage(env, "seed_demo", "--force")
        print(run_child(env, "--child", "fill", *(f"--{k}={getattr(args, k)}" for k in ("companies", "locations", "complaints", "users"))), end="")  # fmt: skip
    cookies = json.loads(run_child(env, "--child", "sessions", f"--connections={args.connections}"))
    pages = [
        ("reference /en/accessibility/", "/en/accessibility/", "secretariat"),
        ("secretariat dashboard", f"/en/dashboards/covenants/{COVENANT}/", "secretariat"),
        ("government dashboard", f"/en/dashboards/government/{COVENANT}/", "government"),
        ("dashboard API (secretariat)", f"/api/v1/dashboards/covenants/{COVENANT}/", "secretariat"),
    ]
    emails = {
        "secretariat": "bench-secretariat-0@bench.example",
        "government": "bench-government-0@bench.example",
    }
    queries = json.loads(run_child(env, "--child", "queries", "--paths",
                                   json.dumps({label: (emails[role], path) for label, path, role in pages})))  # fmt: skip
    port = pc.free_port()
    server = pc.start_server(env, port, args.workers, pages[0][1])
    results = []
    try:
        print(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}; {args.connections} users per page, "
              f"{args.seconds:g} s per page in {args.rounds} rounds; {os.cpu_count()} CPUs; "
              f"figures {'computed on every request' if args.no_cache else 'cached'}")  # fmt: skip
        for label, path, role in pages:
            if fetch(port, path, cookies[role][0]) != 200:
                raise SystemExit(f"{path} did not answer 200 for the {role}")
            load(port, path, cookies[role], args.warmup)
            results.append((pc.Result(label=label, path=path), role))
        for _ in range(args.rounds):
            for result, role in results:
                before = pc.workers_cpu_seconds(server.pid)
                run = load(port, result.path, cookies[role], args.seconds / args.rounds)
                after = pc.workers_cpu_seconds(server.pid)
                result.requests += run.requests
                result.errors += run.errors
                result.seconds += run.seconds
                result.latencies.extend(run.latencies)
                if before is not None and after is not None:
                    result.cpu_seconds = (result.cpu_seconds or 0.0) + after - before
    finally:
        pc.stop_server(server)
    pc.report([result for result, _role in results])
    print("SQL queries per page (figures computed, figures cached):")
    for label, counts in queries.items():
        print(f"  {label:<34} {counts[0]:>3} {counts[1]:>3}")


if __name__ == "__main__":
    main()
