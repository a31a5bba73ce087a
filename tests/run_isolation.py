"""Keeps test runs, and pytest-xdist workers, that share one Redis server apart.

Every Redis key a test process writes starts with its own prefix (settings.TEST_KEY_PREFIX, made of
PORTAL_TEST_RUN and the xdist worker id): the cache through KEY_PREFIX, the Celery broker through
kombu's `global_keyprefix`. Clearing the cache or the broker deletes only those keys, never the
whole Redis database another run is using.
"""

from __future__ import annotations

from typing import Any

import redis
from django.conf import settings

from portal.core.cache import ResilientRedisCache

_BATCH = 500


def delete_keys(client: redis.Redis, prefix: str) -> int:
    """Delete every key that starts with `prefix` (no glob characters in it); returns how many."""
    if not prefix:
        raise ValueError("refusing to delete every key of a Redis database")
    deleted = 0
    batch: list[Any] = []
    for key in client.scan_iter(match=f"{prefix}*", count=_BATCH):
        batch.append(key)
        if len(batch) >= _BATCH:
            deleted += client.unlink(*batch)
            batch = []
    if batch:
        deleted += client.unlink(*batch)
    return deleted


class RunScopedRedisCache(ResilientRedisCache):
    """The portal's Redis cache whose clear() removes this process's keys only (not FLUSHDB)."""

    def clear(self) -> bool:
        delete_keys(self._cache.get_client(None, write=True), f"{self.key_prefix}:")
        return True


def broker_key_prefix() -> str:
    return f"{settings.TEST_KEY_PREFIX}:"


def isolate_celery_app(app: Any) -> None:
    """Make this Celery app read and write only the run's own broker keys."""
    options = dict(app.conf.broker_transport_options or {})
    options["global_keyprefix"] = broker_key_prefix()
    app.conf.broker_transport_options = options


def clear_broker() -> int:
    """Delete what this run (or an interrupted earlier one with the same name) left in the broker."""
    return delete_keys(redis.Redis.from_url(settings.CELERY_BROKER_URL), broker_key_prefix())
