"""Two test runs (or two pytest-xdist workers) on one machine do not clobber each other.

Before, every run used the database `test_portal` and cleared the whole Redis databases 14 and 15
(FLUSHDB), so a second run emptied the first one's cache and broker under its feet.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def load_testdb():
    spec = importlib.util.spec_from_file_location("testdb", ROOT / "scripts" / "testdb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_key_prefix_names_the_run_and_the_xdist_worker():
    run = os.environ["PORTAL_TEST_RUN"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert f"test-{run}-{worker}" == settings.TEST_KEY_PREFIX


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis")
def test_clearing_the_cache_keeps_another_runs_keys():
    raw = redis.Redis.from_url(settings.REDIS_URL)
    other = f"test-other-{uuid.uuid4().hex}:1:login-failures"
    raw.set(other, "3", ex=60)
    cache.set("login-failures", 5)
    try:
        cache.clear()
        assert cache.get("login-failures") is None
        assert raw.get(other) == b"3"
    finally:
        raw.delete(other)


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis")
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_the_broker_writes_only_keys_with_the_runs_prefix():
    queue = f"isolation-probe-{uuid.uuid4().hex}"
    raw = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    celery_app.send_task("portal.isolation.probe", queue=queue)
    try:
        assert raw.llen(f"{settings.TEST_KEY_PREFIX}:{queue}") == 1
        assert not raw.exists(queue)
    finally:
        raw.delete(f"{settings.TEST_KEY_PREFIX}:{queue}", queue)
        celery_app.amqp.queues.pop(queue, None)  # send_task declared it for this process


def test_a_run_gets_its_own_database_name():
    testdb = load_testdb()
    url = "postgres://portal:secret@127.0.0.1:5432/portal"
    assert testdb.run_url(url, "r1a2b") == "postgres://portal:secret@127.0.0.1:5432/portal_r1a2b"
    with pytest.raises(SystemExit):
        testdb.run_url(url, "x; drop database postgres")


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="PostgreSQL"
)
def test_dropping_a_run_removes_its_databases_and_no_other():
    testdb = load_testdb()
    base = os.environ["DATABASE_URL"]
    run = f"iso{uuid.uuid4().hex[:8]}"
    url = testdb.run_url(base, run)
    name = testdb.database_name(url)
    neighbour = testdb.with_name(base, f"test_{name}x")
    testdb.create(url)
    testdb.create(testdb.with_name(base, f"test_{name}_gw0"))
    testdb.create(neighbour)
    try:
        testdb.drop(url)
        with psycopg.connect(testdb.with_name(base, "postgres"), autocommit=True) as conn:
            left = {
                row[0]
                for row in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"%{run}%"])
            }
        assert left == {f"test_{name}x"}
    finally:
        with psycopg.connect(testdb.with_name(base, "postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "test_{name}x"')
