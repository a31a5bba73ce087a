"""Complaint POSTs per second on gunicorn and PostgreSQL, with a bare form POST as the reference.

    .venv/bin/python bench/complaint_post.py --redis-url redis://127.0.0.1:6379/12

Sets up (or reuses) the bench database like `page_cpu.py` (migrated, demo data), starts gunicorn with
the production settings on loopback, and runs a closed loop of POSTs from several client processes:

- **complaint**: the public complaint form, each POST a new complaint (its own one-time token), about
  a member company, with the complainant's e-mail address, so the acknowledgement goes to the outbox
  and its delivery is queued in Redis (`--redis-url`; no worker needs to run);
- **reference**: a bare form POST on the same server: the receipt-code form with a code of the wrong
  length (CSRF check, session, form validation and the page rendered with its error; no lookup).

Both alternate in rounds, so a burst of other work on this shared machine hits them alike. Printed per
kind: requests per second, p50 and p95 latency, errors, and the ratio to the reference. The rate limits
are raised for the run (every request comes from 127.0.0.1). Nothing is asserted: a benchmark reports.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import re
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_cpu import (
    Result,
    create_database,
    free_port,
    manage,
    server_environment,
    start_server,
    stop_server,
    workers_cpu_seconds,
)

FORM = "/en/complaints/file/"
REFERENCE = "/en/complaints/return/"


def _session(port: int) -> tuple[str, str, dict[str, str]]:
    """A CSRF cookie and token from the form page, and the form's covenant and company values."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", FORM)
    response = conn.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie") or ""
    conn.close()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    covenant = re.search(r'<select name="covenant"[^>]*>.*?<option value="(\d+)"', html, re.S)
    company = re.search(r'<select name="company"[^>]*>.*?<option value="(\d+)"', html, re.S)
    if not (csrf_cookie and token and covenant and company):
        raise SystemExit("the complaint form did not give a CSRF token, a covenant and a company")
    return csrf_cookie.group(1), token.group(1), {"covenant": covenant.group(1), "company": company.group(1)}


def _body(kind: str, csrf: str, choices: dict[str, str]) -> bytes:
    if kind == "reference":
        return urlencode({"csrfmiddlewaretoken": csrf, "code": "1234"}).encode()
    return urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "token": secrets.token_urlsafe(24),
            "covenant": choices["covenant"],
            "subject": "company",
            "company": choices["company"],
            "filer": "worker",
            "what_happened": "The overtime of the night shift was not paid in November.",
            "email": "bench@example.test",
        }
    ).encode()


def _client(args: tuple[int, str, float, int]) -> tuple[int, int, list[float]]:
    port, kind, seconds, threads = args
    import threading

    csrf_cookie, csrf, choices = _session(port)
    path = REFERENCE if kind == "reference" else FORM
    expected = 400 if kind == "reference" else 200
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
        "Referer": f"http://127.0.0.1:{port}{path}",
    }
    latencies: list[float] = []
    counts = [0, 0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def loop() -> None:
        mine: list[float] = []
        ok = bad = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", path, body=_body(kind, csrf, choices), headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                status = response.status
            except OSError:
                status = 0
            mine.append(time.perf_counter() - started)
            if status == expected:
                ok += 1
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            counts[0] += ok
            counts[1] += bad

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counts[0], counts[1], latencies


def run(port: int, kind: str, seconds: float, processes: int, threads: int) -> Result:
    result = Result(label=kind, path=FORM if kind == "complaint" else REFERENCE)
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        for ok, bad, latencies in pool.map(_client, [(port, kind, seconds, threads)] * processes):
            result.requests += ok
            result.errors += bad
            result.latencies.extend(latencies)
    result.seconds = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="portal_bench")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=4, help="connections per client process")
    parser.add_argument("--seconds", type=float, default=10, help="per kind and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--members", type=int, default=0, help="unused here; the demo members suffice")
    args = parser.parse_args()
    if not args.redis_url:
        raise SystemExit("--redis-url is needed: the acknowledgement's delivery is queued in Redis.")
    env = server_environment(args)
    env.update(
        {
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "PORTAL_COMPLAINT_FILINGS_PER_HOUR": "100000000",
            "PORTAL_COMPLAINT_CODE_TRIES_PER_15_MIN": "100000000",
        }
    )
    if not args.skip_setup:
        create_database(env["DATABASE_URL"], fresh=args.fresh)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "seed_demo", "--force")
    port = free_port()
    server = start_server(env, port, args.workers, FORM)
    totals = {kind: Result(label=kind, path="") for kind in ("reference", "complaint")}
    try:
        run(port, "reference", 2, 1, 2)  # warm-up: every worker has served both forms
        run(port, "complaint", 2, 1, 2)
        for _round in range(args.rounds):
            for kind, total in totals.items():
                before = workers_cpu_seconds(server.pid)
                result = run(port, kind, args.seconds, args.processes, args.threads)
                after = workers_cpu_seconds(server.pid)
                total.requests += result.requests
                total.errors += result.errors
                total.seconds += result.seconds
                total.latencies.extend(result.latencies)
                if before is not None and after is not None:
                    total.cpu_seconds = (total.cpu_seconds or 0.0) + after - before
    finally:
        stop_server(server)
    reference = totals["reference"]
    print(
        f"\n{'kind':<10} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} {'CPU ms/req':>10} {'req/s ratio':>11}"
    )
    for result in totals.values():
        cpu = result.cpu_ms_per_request
        ratio = reference.rps / result.rps if result.rps else float("inf")
        print(
            f"{result.label:<10} {result.rps:>7.1f} {result.percentile(0.5):>7.1f} {result.percentile(0.95):>7.1f} "
            f"{result.errors:>6} {(f'{cpu:.1f}' if cpu is not None else '-'):>10} {ratio:>11.2f}"
        )
    print(f"\n(reference: a bare form POST to {REFERENCE}; ratio = the reference's req/s / this req/s)")


if __name__ == "__main__":
    main()
