"""Shared fixtures: a user per stakeholder role, and logged-in clients."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import settings as hypothesis_settings

from portal.accounts.models import User
from portal.accounts.roles import Role

from .factories import user_with_role
from .run_isolation import clear_broker, isolate_celery_app

# Property-based tests draw the same examples on every run: a failure found once is found again, and
# CI never fails at random. (Run with HYPOTHESIS_PROFILE=explore to draw new examples locally.)
hypothesis_settings.register_profile("fixed", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))


@pytest.fixture(scope="session", autouse=True)
def _run_scoped_redis():
    """This process's broker keys carry the run's prefix; the run's cache and broker keys go at the end."""
    from django.conf import settings

    from portal.celery import app as celery_app

    isolate_celery_app(celery_app)
    yield
    cache.clear()
    if settings.CELERY_BROKER_URL.startswith("redis"):
        clear_broker()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # Login throttling lives in the cache; each test starts with a clean slate (this run's keys only).
    cache.clear()


@pytest.fixture
def make_user():
    return user_with_role


@pytest.fixture
def secretariat_user(db) -> User:
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def committee_user(db) -> User:
    return user_with_role(Role.COMMITTEE)


@pytest.fixture
def company_user(db) -> User:
    return user_with_role(Role.COMPANY)


@pytest.fixture
def other_company_user(db) -> User:
    return user_with_role(Role.COMPANY)


@pytest.fixture
def ngo_user(db) -> User:
    return user_with_role(Role.NGO)


@pytest.fixture
def union_user(db) -> User:
    return user_with_role(Role.TRADE_UNION)


@pytest.fixture
def government_user(db) -> User:
    return user_with_role(Role.GOVERNMENT)


@pytest.fixture
def client_for():
    """client_for(user) -> a Django test client logged in as that user (or anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


# --- A real Celery worker for integration tests -------------------------------------------------------


def _database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{settings_dict.get('HOST') or '127.0.0.1'}:{settings_dict.get('PORT') or 5432}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process on the test database and the test Redis broker.

    Yields an object with `mail_dir` (where the worker's e-mail backend writes each message as a
    file). The web side of the test must switch eager mode off (fixture `celery_live`).
    """
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path
    from types import SimpleNamespace

    from django.conf import settings
    from django.db import connection

    from portal.celery import QUEUES
    from portal.celery import app as celery_app

    mail_dir = tmp_path_factory.mktemp("worker-mail")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_URL": f"filemail://{mail_dir}",
    }
    # Drop what an earlier, interrupted run with the same name left in the broker: its keys only.
    clear_broker()
    log = open(mail_dir.parent / "worker.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.celery_worker_app",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            # Every queue (mail, imports, reports, default), as `make worker` does.
            "-Q",
            ",".join(QUEUES),
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"celery worker exited early; see {log.name}")
            try:
                if celery_app.control.ping(timeout=0.5):
                    break
            except Exception:  # noqa: S110 - broker not ready yet
                pass
        else:
            raise RuntimeError("celery worker did not answer within 30 s")
        yield SimpleNamespace(mail_dir=Path(mail_dir), process=proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def celery_live(celery_worker_process):
    """Tasks go through the real broker to the real worker for the duration of the test."""
    from portal.celery import app as celery_app

    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield celery_worker_process
    celery_app.conf.task_always_eager = previous


def point_broker_at(url: str) -> None:
    """Make this process's Celery client use another broker URL (connection pools reset)."""
    # kombu keeps one pool per broker URL in a global registry: switching the URL back finds the
    # original pool again, so nothing is closed here.
    import os

    from portal.celery import app as celery_app

    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    celery_app.conf.broker_write_url = None
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
