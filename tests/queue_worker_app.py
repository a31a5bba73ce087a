"""The portal's Celery app plus one slow task, for the test that a busy report queue delays no mail.

`tests.queues.slow_export` stands in for a long report: it marks itself started in Redis, waits until
the test releases it (at most `limit` seconds), then marks itself done.
"""

from __future__ import annotations

import time

import redis
from django.conf import settings

from tests.celery_worker_app import app

__all__ = ["app"]


@app.task(name="tests.queues.slow_export", ignore_result=True)
def slow_export(token: str, limit: float = 30.0) -> None:
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.set(f"{token}:started", "1", ex=120)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not client.exists(f"{token}:release"):
        time.sleep(0.1)
    client.set(f"{token}:done", "1", ex=120)
