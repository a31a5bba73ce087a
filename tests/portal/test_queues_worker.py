"""With one worker per queue (real workers, real Redis), a long report does not delay an e-mail."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from portal.accounts.roles import Role
from portal.celery import QUEUE_MAIL, QUEUE_REPORTS
from portal.celery import app as celery_app
from portal.notifications.models import Notification
from portal.notifications.services import notification_enqueue
from tests.conftest import _database_url, point_broker_at
from tests.factories import user_with_role
from tests.run_isolation import delete_keys

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.CELERY_BROKER_URL.startswith("redis"), reason="needs Redis"),
]

ROOT = Path(__file__).resolve().parent.parent.parent


def wait_until(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def own_broker_url() -> str:
    """Another Redis database than the session's all-queue worker reads, so it takes none of these tasks."""
    base, number = settings.CELERY_BROKER_URL.rsplit("/", 1)
    return f"{base}/{(int(number) + 1) % 16 if number.isdigit() else 13}"


@pytest.fixture
def queue_workers(tmp_path) -> Iterator[dict[str, Path]]:
    """A worker on the mail queue only and one on the reports queue only; yields their mail folders."""
    broker = own_broker_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    point_broker_at(broker)
    previous_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    processes: list[tuple[subprocess.Popen, object]] = []
    folders = {}
    try:
        for queue in (QUEUE_MAIL, QUEUE_REPORTS):
            folders[queue] = tmp_path / f"mail-{queue}"
            log = open(tmp_path / f"worker-{queue}.log", "w")  # noqa: SIM115 - closed below
            command = [sys.executable, "-m", "celery", "-A", "tests.queue_worker_app", "worker"]
            command += ["--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle", "-Q", queue]
            command += ["-n", f"{queue}-{os.getpid()}@%h"]
            process = subprocess.Popen(
                command,
                env={**env, "EMAIL_URL": f"filemail://{folders[queue]}"},
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
            processes.append((process, log))
        names = {f"{queue}-{os.getpid()}@" for queue in (QUEUE_MAIL, QUEUE_REPORTS)}

        def all_answer() -> bool:
            for process, log in processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a worker exited early; see {log.name}")  # type: ignore[attr-defined]
            try:
                replies = celery_app.control.ping(timeout=0.5)
            except Exception:
                return False
            answered = {name for reply in replies for name in reply}
            return all(any(a.startswith(n) for a in answered) for n in names)

        assert wait_until(all_answer, timeout=40), "the queue workers did not answer within 40 s"
        yield folders
    finally:
        for process, _log in processes:
            process.send_signal(signal.SIGTERM)
        for process, log in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()  # type: ignore[attr-defined]
        celery_app.conf.task_always_eager = previous_eager
        point_broker_at(settings.CELERY_BROKER_URL)
        delete_keys(redis.Redis.from_url(broker), settings.TEST_KEY_PREFIX + ":")


def test_mail_is_delivered_while_a_long_report_runs(queue_workers, tmp_path):
    flags = redis.Redis.from_url(settings.REDIS_URL)
    token = f"{settings.TEST_KEY_PREFIX}:slow-{uuid.uuid4().hex}"
    user = user_with_role(Role.NGO)
    try:
        celery_app.send_task("tests.queues.slow_export", kwargs={"token": token}, queue=QUEUE_REPORTS)
        assert wait_until(lambda: flags.exists(f"{token}:started"), timeout=15), "the report did not start"

        started = time.monotonic()
        with transaction.atomic():
            (notification,) = notification_enqueue(
                recipients=[user], kind="test", subject="Sent while a report runs"
            )

        def sent() -> bool:
            status = Notification.objects.get(pk=notification.pk).email_status
            return status == Notification.EmailStatus.SENT

        assert wait_until(sent, timeout=10), "the mail waited for the report"
        elapsed = time.monotonic() - started
        # Delivered by the mail worker while the report still holds the reports worker.
        assert not flags.exists(f"{token}:done")
        assert elapsed < 5, f"the mail took {elapsed:.1f}s"
        mails = list(queue_workers[QUEUE_MAIL].glob("*.log"))
        assert any("Sent while a report runs" in path.read_text() for path in mails)
        assert not queue_workers[QUEUE_REPORTS].exists() or not any(queue_workers[QUEUE_REPORTS].iterdir())
    finally:
        flags.set(f"{token}:release", "1", ex=120)
    assert wait_until(lambda: flags.exists(f"{token}:done"), timeout=10), "the report did not finish"
    # The mail went to its queue only: the reports worker never got it, not even after the report.
    time.sleep(0.5)  # a copy in the reports queue would be taken at once now; give it the chance
    assert "notification_deliver[" not in (tmp_path / f"worker-{QUEUE_REPORTS}.log").read_text()
    assert "notification_deliver[" in (tmp_path / f"worker-{QUEUE_MAIL}.log").read_text()
    flags.delete(f"{token}:started", f"{token}:release", f"{token}:done")
