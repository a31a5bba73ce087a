"""CPU per page on a real server: the covenant list and a covenant page against a static page.

Starts gunicorn (sync workers) with production settings on loopback, on its own PostgreSQL database
filled with the demo data plus many members on one covenant, loads each page with a fixed number of
concurrent connections for a fixed time, and prints requests per second, latency and the CPU seconds
the workers spent per request, each as a ratio to the reference page measured in the same run.
See bench/README.md. Nothing here is a test: it measures and reports.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
#: The covenant that gets the extra members (a demo covenant, so its page has parties and themes too).
BENCH_COVENANT = "garments-textile"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Result:
    label: str
    path: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu_seconds: float | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.cpu_seconds is None or not self.requests:
            return None
        return self.cpu_seconds / self.requests * 1000


def database_url(name: str) -> str:
    """DATABASE_URL (or the local default) with the database name replaced: the bench has its own."""
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SystemExit("The benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// address.")
    return urlunsplit(parts._replace(path=f"/{name}"))


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    """Production settings, DEBUG off; plain http on loopback (no TLS redirect, no HSTS)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url(args.database),
            "PORTAL_VAR_DIR": str(ROOT / "var" / "bench"),
            "PORTAL_LOG_LEVEL": "WARNING",
            "CELERY_TASK_ALWAYS_EAGER": "1",
        }
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        env["CELERY_BROKER_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
        env["CELERY_BROKER_URL"] = "memory://"
    return env


def create_database(url: str, *, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


SEED_MEMBERS = """
from datetime import date
from covenants.demo import DECLARATION
from covenants.models import Covenant, Membership
from portal.accounts.models import Organisation
from portal.accounts.roles import Role

covenant = Covenant.objects.get(slug={slug!r})
for n in range(1, {count} + 1):
    company, _ = Organisation.objects.get_or_create(
        name=f"Benchmark company {{n:03d}} B.V.",
        defaults={{"kind": Role.COMPANY, "status": Organisation.Status.APPROVED}},
    )
    Membership.objects.get_or_create(
        covenant=covenant, company=company,
        defaults={{"status": Membership.Status.ACTIVE, "contact_name": "Benchmark",
                  "contact_email": f"bench{{n}}@bench.example", "joined_on": date(2020, 1, 1 + n % 28),
                  **DECLARATION}},
    )
print(Membership.objects.filter(covenant=covenant, status="active").count(), "active members on", covenant.slug)
"""


def prepare(env: dict[str, str], args: argparse.Namespace) -> None:
    create_database(env["DATABASE_URL"], fresh=args.fresh)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--force")
    manage(env, "shell", "-c", SEED_MEMBERS.format(slug=BENCH_COVENANT, count=args.members))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int, probe: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--backlog",
        "64",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting; see its output above.")
        try:
            status, _ = fetch(port, probe)
            if status < 500 and len(worker_pids(server.pid)) >= workers:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 30 seconds.")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: the master's children, read from /proc (empty where /proc is missing)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        return []


def workers_cpu_seconds(master: int) -> float | None:
    """User + system CPU seconds of the workers so far (None without /proc)."""
    total = 0
    pids = worker_pids(master)
    if not pids:
        return None
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def fetch(port: int, path: str, timeout: float = 30) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def load(port: int, path: str, *, connections: int, seconds: float, max_requests: int) -> Result:
    """A closed loop: each connection sends its next request when the previous answer is read."""
    result = Result(label="", path=path)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        latencies: list[float] = []
        errors = 0
        while time.monotonic() < stop_at:
            with lock:
                if result.requests + result.errors >= max_requests:
                    break
                result.requests += 1
            started = time.perf_counter()
            try:
                status, _ = fetch(port, path)
            except OSError:
                status = 0
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors += 1
        with lock:
            result.latencies.extend(latencies)
            result.errors += errors

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.requests -= result.errors
    return result


def warm_up(port: int, label: str, path: str, args: argparse.Namespace) -> str:
    """Checks the page answers, then loads it unmeasured (template cache, pool, fragments in every
    worker). Returns the label with the page's size."""
    status, size = fetch(port, path)
    if status != 200:
        raise SystemExit(f"{path} answered {status}; is the demo data there?")
    load(port, path, connections=args.connections, seconds=args.warmup, max_requests=10_000)
    return f"{label} ({size // 1024} kB)"


def measure(
    server: subprocess.Popen[bytes], port: int, result: Result, seconds: float, args: argparse.Namespace
) -> None:
    """One round of load on one page, added to its result (requests, latencies, the workers' CPU)."""
    before = workers_cpu_seconds(server.pid)
    run = load(
        port, result.path, connections=args.connections, seconds=seconds, max_requests=args.max_requests
    )
    after = workers_cpu_seconds(server.pid)
    result.requests += run.requests
    result.errors += run.errors
    result.seconds += run.seconds
    result.latencies.extend(run.latencies)
    if before is not None and after is not None:
        result.cpu_seconds = (result.cpu_seconds or 0.0) + after - before


def report(results: list[Result]) -> None:
    reference = results[0]
    print()
    print(
        f"{'page':<34} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
        f"{'CPU ms/req':>10} {'CPU ratio':>9} {'req/s ratio':>11}"
    )
    for result in results:
        cpu = result.cpu_ms_per_request
        ref_cpu = reference.cpu_ms_per_request
        cpu_ratio = f"{cpu / ref_cpu:9.2f}" if cpu and ref_cpu else f"{'n/a':>9}"
        rps_ratio = reference.rps / result.rps if result.rps else float("inf")
        print(
            f"{result.label:<34} {result.rps:7.1f} {result.percentile(0.5):7.1f} {result.percentile(0.95):7.1f} "
            f"{result.errors:6d} {cpu if cpu is not None else float('nan'):10.2f} {cpu_ratio} {rps_ratio:11.2f}"
        )
    print()
    print(
        "CPU ratio: the workers' CPU per request divided by the reference page's (the number to hold under"
        " 2); req/s ratio: reference req/s divided by the page's."
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="portal_bench", help="PostgreSQL database of the bench")
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""), help="cache (default: in-memory)"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database first")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database as it is")
    parser.add_argument("--members", type=int, default=130, help="active members on the bench covenant")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per page")
    parser.add_argument("--rounds", type=int, default=5, help="the pages take turns this many times")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured time per page before it")
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="end a round of a page after this many requests"
    )
    parser.add_argument("--language", default="nl", choices=["nl", "en"])
    parser.add_argument("--reference", default="/{lang}/accessibility/", help="the static reference page")
    args = parser.parse_args()

    env = server_environment(args)
    if not args.skip_setup:
        prepare(env, args)
    lang = args.language
    pages = [
        ("reference " + args.reference.format(lang=lang), args.reference.format(lang=lang)),
        ("covenant list", f"/{lang}/covenants/"),
        (f"covenant page ({args.members} members)", f"/{lang}/covenants/{BENCH_COVENANT}/"),
    ]
    port = free_port()
    server = start_server(env, port, args.workers, pages[0][1])
    try:
        print(
            f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}; {args.connections} connections, "
            f"{args.seconds:g} s per page in {args.rounds} rounds after {args.warmup:g} s warm-up; "
            f"{os.cpu_count()} CPUs"
        )
        results = [Result(label=warm_up(port, label, path, args), path=path) for label, path in pages]
        # The pages take turns, so a burst of other load on a shared machine hits them all alike.
        for _ in range(args.rounds):
            for result in results:
                measure(server, port, result, args.seconds / args.rounds, args)
    finally:
        stop_server(server)
    report(results)


if __name__ == "__main__":
    main()
