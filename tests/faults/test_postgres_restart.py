"""PostgreSQL restarted (`pg_ctl restart -m fast`) while visitors load pages and file complaints through
gunicorn: errors last only while the server is down, the portal recovers by itself (no pooled
connection that died with the old server is handed out again), and every complaint that got a
confirmation page is stored, none twice."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from tests.covenants.factories import MembershipFactory

from .postgres import PostgresCluster, binaries, dump, restore
from .stack import Stack, database_url, portal_environment, wait_until
from .web import Browser

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(binaries() is None, reason="needs the PostgreSQL server binaries"),
]

VISITORS = 3
#: Requests that start this long after the restart finished must all succeed (none gets a dead pooled
#: connection).
SETTLE = 0.0
#: Errors may last at most this long in all.
MAX_OUTAGE = 8.0


@dataclass
class Event:
    started: float
    kind: str  # "page" or "complaint"
    ok: bool
    tag: str = ""


def visitor(
    base_url: str,
    number: int,
    stop: threading.Event,
    events: list[Event],
    ids: tuple[int, int],
    rounds: int | None = None,
) -> None:
    """Load a page and file a complaint, again and again until `stop` (or `rounds` times)."""
    browser = Browser(base_url, timeout=8)
    covenant_id, company_id = ids
    n = 0
    while (rounds is None and not stop.is_set()) or (rounds is not None and n < rounds):
        started = time.monotonic()
        try:
            ok = browser.get("/en/covenants/").status_code == 200
        except Exception:
            ok = False
        events.append(Event(started, "page", ok))
        n += 1
        tag = f"Load {number}-{n}: wages were not paid."
        started = time.monotonic()
        try:
            response = browser.submit(
                "/en/complaints/file/",
                {
                    "covenant": covenant_id,
                    "filer": "worker",
                    "subject": "company",
                    "company": company_id,
                    "what_happened": tag,
                },
            )
            ok = response.status_code == 200 and "data-receipt-code" in response.text
        except Exception:
            ok = False
        events.append(Event(started, "complaint", ok, tag))


def stored_counts(cluster: PostgresCluster) -> dict[str, int]:
    rows = cluster.psql(
        "portal",
        "SELECT what_happened, count(*) FROM complaints_complaint "
        "WHERE what_happened LIKE 'Load %' GROUP BY what_happened",
    )
    return {text: int(count) for text, count in (line.rsplit("|", 1) for line in rows.splitlines() if line)}


def test_the_portal_rides_out_a_postgres_restart(stack: Stack, transactional_db, tmp_path: Path):
    membership = MembershipFactory(active=True)
    cluster = PostgresCluster()
    stack.closers.append(cluster.stop)
    cluster.start()
    # The test database (migrated, with this test's rows) becomes the cluster's database "portal".
    cluster.create_database("portal")
    restore(cluster.url("portal"), dump(database_url(connection.settings_dict), tmp_path / "seed.dump"))

    redis = stack.redis()
    env = portal_environment(
        database_url=cluster.url("portal"),
        redis_url=redis.url(0),
        broker_url=redis.url(1),
        media_root=tmp_path / "media",
        email_url=f"filemail://{tmp_path / 'mail'}",
        PORTAL_COMPLAINT_FILINGS_PER_HOUR="100000",
    )
    web = stack.gunicorn(env, workers=2, threads=2)

    stop, events = threading.Event(), []
    ids = (membership.covenant_id, membership.company_id)
    threads = [
        threading.Thread(target=visitor, args=(web.url, n, stop, events, ids), daemon=True)
        for n in range(VISITORS)
    ]
    for thread in threads:
        thread.start()
    try:

        def filed_since(moment: float) -> int:
            return sum(1 for e in list(events) if e.kind == "complaint" and e.ok and e.started > moment)

        wait_until(lambda: filed_since(0) >= VISITORS, timeout=30, what="complaints filed before the restart")
        restart_began = time.monotonic()
        cluster.restart()
        restart_done = time.monotonic()
        wait_until(
            lambda: filed_since(restart_done + SETTLE) >= VISITORS and time.monotonic() > restart_done + 3,
            timeout=40,
            what="complaints filed after the restart",
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
    assert not any(thread.is_alive() for thread in threads)

    failed = [e for e in events if not e.ok]
    late = [e for e in failed if e.started > restart_done + SETTLE]
    assert late == [], f"{len(late)} requests failed more than {SETTLE} s after the restart: {late[:5]}"
    if failed:
        outage = max(e.started for e in failed) - min(e.started for e in failed)
        assert outage <= MAX_OUTAGE, f"errors lasted {outage:.1f} s"
    # The portal answered again without being restarted itself: pages and filings after the restart.
    assert any(e.ok and e.kind == "page" and e.started > restart_done + SETTLE for e in events)
    assert web.alive()

    # Restarted again while every pooled connection is idle: none of them may be handed out dead.
    cluster.restart()
    # (Filings, which always reach the database; a public page may come from the cache.)
    quiet: list[Event] = []
    visitor(web.url, 100, stop, quiet, ids, rounds=3)
    assert [e.ok for e in quiet if e.kind == "complaint"] == [True] * 3, "filings after an idle restart"
    events += quiet

    confirmed = {e.tag for e in events if e.kind == "complaint" and e.ok}
    attempted = {e.tag for e in events if e.kind == "complaint"}
    counts = stored_counts(cluster)
    assert confirmed <= set(counts), f"confirmed but not stored: {sorted(confirmed - set(counts))[:5]}"
    assert set(counts) <= attempted
    assert {tag: n for tag, n in counts.items() if n != 1} == {}, "a complaint was stored twice"
    print(  # for the run's log: what the restart cost
        f"restart took {restart_done - restart_began:.1f} s; {len(failed)} of {len(events)} requests failed; "
        f"{len(confirmed)} complaints confirmed, {len(counts)} stored"
    )
