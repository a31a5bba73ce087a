"""`make bench`: the portal at scale on loopback, measured against references from the same run.

1. Makes sure PostgreSQL and Redis answer (scripts/services.sh), creates (or reuses) the database
   `portal_bench_scale`, migrates it, loads the demo data and the scale data
   (`seed_scale --companies 1000 --locations 100000 --complaints 10000 --users 5000`, timed);
2. starts gunicorn (sync workers) with the production settings and a Celery worker, both on loopback;
3. signs in ten users per role (company, secretariat, government, NGO, committee) and loads every
   page with wrk (`bench/wrk.lua`: one connection per user, sessions and CSRF as a browser has them),
   in rounds, each page beside its reference in the same round: a static page (`/en/accessibility/`)
   for the pages and API lists, a bare form POST for the complaint POST;
4. counts the SQL queries of every page (Django's test client, same settings);
5. runs the 100,000-row location upload against a plain COPY (`location_upload.py`) and the annual
   report against WeasyPrint alone on the same HTML (`annual_report.py`);
6. prints one table, and writes it as JSON (`--json`).

It measures and reports; it asserts nothing. See bench/README.md.

    .venv/bin/python bench/run.py [--skip-setup] [--seconds 6] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import page_cpu as pc

ROOT = pc.ROOT
COVENANT = pc.BENCH_COVENANT
REFERENCE = "/en/accessibility/"
FORM = "/en/complaints/file/"
BARE_FORM = "/en/complaints/return/"
TARGETS = {"dashboard": 150.0, "list": 50.0, "post": 100.0}


# --- inside Django (child processes with the server's settings) ------------------------------------


def child_sessions(per_role: int) -> dict[str, Any]:
    """Session cookies of `per_role` users per role, and the pages each role is measured on."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db.models import Count
    from django.utils.module_loading import import_string

    from duediligence.models import Assessment
    from portal.accounts.models import Organisation, User
    from portal.accounts.roles import Role

    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    # The company: the scale member of the bench covenant with an assessment and the most locations.
    assessment = (
        Assessment.objects.filter(covenant__slug=COVENANT, company__name__startswith="Scale ")
        .annotate(links=Count("company__supply_links"))
        .order_by("-links")
        .first()
    )
    if assessment is None:
        raise SystemExit("no scale company with a self-assessment: run without --skip-setup")
    orgs = {
        Role.COMPANY: assessment.company,
        Role.SECRETARIAT: Organisation.objects.filter(kind=Role.SECRETARIAT).order_by("pk").first(),
        Role.GOVERNMENT: Organisation.objects.filter(kind=Role.GOVERNMENT).order_by("pk").first(),
        Role.NGO: Organisation.objects.filter(kind=Role.NGO, name__contains="demo").order_by("pk").first(),
        Role.COMMITTEE: Organisation.objects.filter(kind=Role.COMMITTEE).order_by("pk").first(),
    }
    cookies: dict[str, list[str]] = {}
    emails: dict[str, str] = {}
    for role, org in orgs.items():
        cookies[role] = []
        for n in range(per_role):
            user, _ = User.objects.get_or_create(
                email=f"bench-{role}-{n}@bench.example", defaults={"organisation": org}
            )
            if user.organisation_id != org.pk:
                user.organisation = org
                user.save(update_fields=["organisation"])
            store = engine()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            cookies[role].append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
            emails[role] = user.email
    pages = [
        # label, role ("" = anonymous), path, kind (list / page / dashboard / api)
        ("public home", "", "/en/", "page"),
        ("public location list", "", "/en/locations/", "list"),
        ("company: self-assessment", Role.COMPANY, f"/en/due-diligence/assessments/{assessment.pk}/", "page"),
        ("company: risk register", Role.COMPANY, "/en/due-diligence/risks/", "list"),
        ("company home", Role.COMPANY, "/en/dashboard/home/company/", "dashboard"),
        ("secretariat dashboard", Role.SECRETARIAT, f"/en/dashboards/covenants/{COVENANT}/", "dashboard"),
        ("government dashboard", Role.GOVERNMENT, f"/en/dashboards/government/{COVENANT}/", "dashboard"),
        ("NGO home", Role.NGO, "/en/dashboard/home/ngo/", "dashboard"),
        ("committee home", Role.COMMITTEE, "/en/dashboard/home/committee/", "dashboard"),
        ("API: covenants", "", "/api/v1/covenants/", "list"),
        ("API: public locations", "", "/api/v1/locations/", "list"),
        ("API: complaints (secretariat)", Role.SECRETARIAT, "/api/v1/complaints/", "list"),
        ("API: dashboard (secretariat)", Role.SECRETARIAT, f"/api/v1/dashboards/covenants/{COVENANT}/", "dashboard"),
    ]  # fmt: skip
    return {"cookies": cookies, "emails": emails, "pages": pages}


def child_queries(pages: list[list[str]], emails: dict[str, str]) -> dict[str, list[int]]:
    """SQL queries of each page: [first request, second request] (the second finds the caches warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.accounts.models import User

    counts = {}
    for label, role, path, _kind in [["reference", "", REFERENCE, "page"], *pages]:
        client = Client(HTTP_HOST="127.0.0.1")
        if role:
            client.force_login(User.objects.get(email=emails[role]))
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
    if args.child == "sessions":
        print(json.dumps(child_sessions(args.connections)))
    else:
        data = json.loads(Path(args.data).read_text())
        print(json.dumps(child_queries(data["pages"], data["emails"])))


def run_child(env: dict[str, str], *extra: str) -> Any:
    out = subprocess.run(
        [sys.executable, __file__, *extra], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the stack and the load ------------------------------------------------------------------------


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "--loglevel=WARNING",
        "--concurrency=1",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def wrk(port: int, path: str, *, seconds: float, connections: int, **options: str) -> dict[str, float]:
    env = dict(os.environ)
    env.update({f"BENCH_{key.upper()}": value for key, value in options.items()})
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(ROOT / "bench" / "wrk.lua"), f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=seconds + 60)
    line = next(line for line in out.stdout.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


class Series:
    """The rounds of one page: requests per second over all of them; latency percentiles as the
    median of the rounds' (each round's come from wrk's own histogram); CPU of the workers."""

    def __init__(self, label: str, kind: str) -> None:
        self.label, self.kind = label, kind
        self.rounds: list[dict[str, float]] = []
        self.cpu = 0.0

    def add(self, result: dict[str, float], cpu: float) -> None:
        self.rounds.append(result)
        self.cpu += cpu

    @property
    def ok(self) -> int:
        return int(sum(r["ok"] for r in self.rounds))

    @property
    def failed(self) -> int:
        return int(sum(r["bad"] + r["socket_errors"] for r in self.rounds))

    @property
    def rps(self) -> float:
        seconds = sum(r["seconds"] for r in self.rounds)
        return self.ok / seconds if seconds else 0.0

    def p(self, key: str) -> float:
        return statistics.median(r[key] for r in self.rounds) if self.rounds else 0.0

    @property
    def cpu_ms(self) -> float:
        done = sum(r["requests"] for r in self.rounds)
        return self.cpu / done * 1000 if done else 0.0


def complaint_form(port: int) -> tuple[str, str, str]:
    """A CSRF cookie, the form body without its one-time token, and the bare form's body."""
    import complaint_post

    csrf_cookie, csrf, choices = complaint_post._session(port)
    body = complaint_post._body("complaint", csrf, choices).decode()
    body = "&".join(part for part in body.split("&") if not part.startswith("token="))
    bare = complaint_post._body("reference", csrf, choices).decode()
    return f"csrftoken={csrf_cookie}", body, bare


def measure(
    server: subprocess.Popen[bytes], port: int, plan: dict[str, Any], args: argparse.Namespace
) -> list[Series]:
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    files = {}
    for role, cookies in plan["cookies"].items():
        files[role] = folder / f"{role}.txt"
        files[role].write_text("\n".join(cookies) + "\n")
    csrf_cookie, body, bare = complaint_form(port)
    (folder / "csrf.txt").write_text(csrf_cookie + "\n")
    gets = [("reference: static page", "", REFERENCE, "reference"), *plan["pages"]]
    series = {label: Series(label, kind) for label, _role, _path, kind in gets}
    series["reference: bare form POST"] = Series("reference: bare form POST", "reference")
    series["complaint form POST"] = Series("complaint form POST", "post")

    def get(label: str, role: str, path: str, seconds: float) -> None:
        cookie = str(files[role]) if role else ""
        before = pc.workers_cpu_seconds(server.pid) or 0.0
        result = wrk(port, path, seconds=seconds, connections=args.connections, cookies=cookie)
        series[label].add(result, (pc.workers_cpu_seconds(server.pid) or 0.0) - before)

    def post(label: str, path: str, payload: str, expect: str, token: str, seconds: float) -> None:
        before = pc.workers_cpu_seconds(server.pid) or 0.0
        result = wrk(port, path, seconds=seconds, connections=args.connections, method="POST", body=payload,
                     expect=expect, token_field=token, cookies=str(folder / "csrf.txt"),
                     referer=f"http://127.0.0.1:{port}{path}")  # fmt: skip
        series[label].add(result, (pc.workers_cpu_seconds(server.pid) or 0.0) - before)

    for _label, role, path, _kind in gets:  # warm-up: every worker has served every page once
        pc.fetch(port, path)
        wrk(
            port,
            path,
            seconds=args.warmup,
            connections=args.connections,
            cookies=str(files[role]) if role else "",
        )
    for round_ in range(args.rounds):
        print(f"round {round_ + 1} of {args.rounds}", flush=True)
        for label, role, path, _kind in gets:
            get(label, role, path, args.seconds)
        post("reference: bare form POST", BARE_FORM, bare, "400", "", args.seconds)
        post("complaint form POST", FORM, body, "200", "token", args.seconds)
    return list(series.values())


# --- the whole run ---------------------------------------------------------------------------------


def setup(env: dict[str, str], args: argparse.Namespace) -> float | None:
    """Database, migrations, static files, demo and scale data; returns the seconds seed_scale took
    (None when it was there already)."""
    subprocess.run(["bash", "scripts/services.sh"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    pc.create_database(env["DATABASE_URL"], fresh=args.fresh)
    pc.manage(env, "migrate", "--noinput", "-v", "0")
    pc.manage(env, "collectstatic", "--noinput", "-v", "0")
    pc.manage(env, "seed_demo", "--force")
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "manage.py", "seed_scale", "--force", "--companies", str(args.companies),
         "--locations", str(args.locations), "--complaints", str(args.complaints), "--users", str(args.users)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    print(out.stdout.strip())
    return None if "already there" in out.stdout else time.perf_counter() - started


def side_bench(script: str, env: dict[str, str], *extra: str) -> dict[str, Any]:
    """Run another bench script that writes its figures as JSON; its own output goes to the screen."""
    target = Path(tempfile.mkdtemp(prefix="bench-")) / "out.json"
    done = subprocess.run(
        [sys.executable, f"bench/{script}", *extra, "--json", str(target)], cwd=ROOT, env=env
    )
    if done.returncode != 0:
        print(f"bench/{script} failed (exit code {done.returncode}); its figures are missing below")
        return {}
    return json.loads(target.read_text())


def verdict(series: Series) -> str:
    target = {"dashboard": TARGETS["dashboard"], "list": TARGETS["list"], "post": TARGETS["post"]}.get(
        series.kind
    )
    if target is None:
        return ""
    good = series.p("p95") <= target and (series.kind != "post" or series.rps >= 200)
    return (
        ("meets" if good else "MISSES")
        + f" p95 <= {target:.0f} ms"
        + (", >= 200/s" if series.kind == "post" else "")
    )


def table(results: list[Series], queries: dict[str, list[int]], extra: dict[str, Any]) -> str:
    lines = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | failed | CPU ms/req | req/s ratio | SQL (cold/warm) | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    page_ref = next(s for s in results if s.label == "reference: static page")
    post_ref = next(s for s in results if s.label == "reference: bare form POST")
    for s in results:
        ref = post_ref if "POST" in s.label else page_ref
        ratio = ref.rps / s.rps if s.rps else float("inf")
        q = queries.get("reference" if s is page_ref else s.label)
        sql = f"{q[0]} / {q[1]}" if q else "-"
        lines.append(
            f"| {s.label} | {s.rps:.1f} | {s.p('p50'):.1f} | {s.p('p95'):.1f} | {s.p('p99'):.1f} | {s.failed} | "
            f"{s.cpu_ms:.1f} | {ratio:.2f} | {sql} | {verdict(s)} |"
        )
    upload, report = extra.get("upload"), extra.get("report")
    lines.append("")
    lines.append("| work | time | reference (same run) | ratio | peak memory | target |")
    lines.append("|---|---:|---:|---:|---:|---|")
    if extra.get("seed_seconds") is not None:
        lines.append(
            f"| seed_scale (all the scale data) | {extra['seed_seconds']:.0f} s | - | - | - | minutes, not hours |"
        )
    if upload:
        good = "meets" if upload["total_s"] <= 20 else "MISSES"
        lines.append(f"| 100,000-row location upload, end to end | {upload['total_s']:.2f} s | COPY {upload['copy_s']:.2f} s | "
                     f"{upload['total_s'] / upload['copy_s']:.0f} | {upload['peak_mb']:.0f} MB | {good} <= 20 s |")  # fmt: skip
    if report:
        good = "meets" if report["ratio"] <= 1.5 and report["worker_mb"] <= 400 else "MISSES"
        lines.append(f"| annual report PDF, {report['pages']} pages (worker) | {report['worker_s']:.2f} s | "
                     f"WeasyPrint alone {report['weasyprint_s']:.2f} s | {report['ratio']:.2f} | {report['worker_mb']:.0f} MB | "
                     f"{good} <= 1.5x, <= 400 MB |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="portal_bench_scale")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database first")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database as it is")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--locations", type=int, default=100_000)
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=10, help="users at a time (one connection each)")
    parser.add_argument("--seconds", type=float, default=6.0, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--skip-upload", action="store_true")
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--json", default="", help="also write the figures to this file")
    parser.add_argument("--child", choices=["sessions", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    env = pc.server_environment(args)
    env.update({
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_URL": "dummymail://",
        "PORTAL_REQUIRE_MFA": "0",  # the bench's users have sessions; the second factor is a login step
        # Every request comes from 127.0.0.1: the per-address limits would measure the limiter.
        "PORTAL_COMPLAINT_FILINGS_PER_HOUR": "100000000",
        "PORTAL_COMPLAINT_CODE_TRIES_PER_15_MIN": "100000000",
        "PORTAL_API_ANON_RATE": "100000000/min",
        "PORTAL_API_USER_RATE": "100000000/min",
    })  # fmt: skip
    if args.skip_setup:  # the data as it is, the schema as the code wants it
        pc.manage(env, "migrate", "--noinput", "-v", "0")
        seed_seconds = None
    else:
        seed_seconds = setup(env, args)
    plan = run_child(env, "--child", "sessions", "--connections", str(args.connections))
    data = Path(tempfile.mkdtemp(prefix="bench-")) / "plan.json"
    data.write_text(json.dumps(plan))
    port = pc.free_port()
    server = pc.start_server(env, port, args.workers, REFERENCE)
    worker = start_worker(env)
    try:
        results = measure(server, port, plan, args)
    finally:
        pc.stop_server(server)
        pc.stop_server(worker)
    queries = run_child(env, "--child", "queries", "--data", str(data))
    extra: dict[str, Any] = {"seed_seconds": seed_seconds}
    print(table(results, queries, extra), flush=True)  # already here, should a later part fail
    if not args.skip_upload:
        extra["upload"] = side_bench("location_upload.py", env, "--rows", "100000", "--existing", "100000")
    if not args.skip_report:
        extra["report"] = side_bench("annual_report.py", env, "--database", args.database, "--rounds", "3")
    print()
    print(
        f"{args.connections} connections, {args.workers} gunicorn workers, {args.rounds} rounds of {args.seconds:g} s per page"
    )
    print(table(results, queries, extra))
    print("\nratio: the reference's req/s / the page's (static page for GETs, bare form POST for the POST);")
    print("p50/p95/p99: the median of the rounds; SQL: queries of the first and of a second request.")
    if args.json:
        figures = {s.label: {"rps": s.rps, "p50": s.p("p50"), "p95": s.p("p95"), "p99": s.p("p99"),
                             "failed": s.failed, "cpu_ms": s.cpu_ms} for s in results}  # fmt: skip
        Path(args.json).write_text(json.dumps({"pages": figures, "queries": queries, **extra}, indent=2))


if __name__ == "__main__":
    main()
