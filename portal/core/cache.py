"""The Redis cache backend: Django's, with a breaker so that a hung Redis costs a request one timeout.

Every cache call that waits for Redis can take the full socket timeout (2 s) when Redis hangs; a page
that uses the cache three times would wait three times. After a connection error or a timeout, this
backend fails every call at once for `RETRY_AFTER` seconds (in this process), then tries Redis
again. Callers already treat a failing cache as no cache (pages compute, rate limits fail open or
closed as they choose), so they only get their answer sooner.

The same knowledge serves the broker, which is usually the same Redis: `recently_unreachable(url)`
tells whether a Redis at that address failed to answer a moment ago, so a request that already waited
for the cache does not wait for the broker too (the outbox sweep sends what was not queued).
"""

from __future__ import annotations

import logging
import threading
import time
from functools import cached_property
from typing import Any, cast
from urllib.parse import urlsplit

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

#: Seconds during which calls fail at once after Redis failed to answer.
RETRY_AFTER = 10.0
_FAILURES = (redis.ConnectionError, redis.TimeoutError)
#: host:port of each Redis that failed, with the monotonic time until which it counts as down.
_down_until: dict[str, float] = {}


def _address(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}"


def mark_unreachable(url: str, seconds: float = RETRY_AFTER) -> None:
    """Remember that the Redis at `url` did not answer (any database on it)."""
    if url.startswith(("redis://", "rediss://")):
        _down_until[_address(url)] = time.monotonic() + seconds


def recently_unreachable(url: str) -> bool:
    """Whether the Redis at `url` failed to answer less than RETRY_AFTER seconds ago (this process)."""
    if not url.startswith(("redis://", "rediss://")):
        return False
    return time.monotonic() < _down_until.get(_address(url), 0.0)


class RedisUnavailable(redis.ConnectionError):
    """Raised without asking Redis: it failed to answer less than RETRY_AFTER seconds ago."""


class _Breaker:
    """Wraps Django's Redis client: each method fails at once while the breaker is open."""

    def __init__(self, client: Any, retry_after: float, servers: list[str]) -> None:
        self._client, self._retry_after, self._servers = client, retry_after, servers
        self._open_until = 0.0
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self._open_until:
                raise RedisUnavailable("Redis did not answer a moment ago; not asking again yet")
            try:
                return method(*args, **kwargs)
            except _FAILURES:
                with self._lock:
                    if time.monotonic() >= self._open_until:
                        logger.warning("Redis cache unavailable; failing fast for %.0f s", self._retry_after)
                    self._open_until = time.monotonic() + self._retry_after
                for server in self._servers:
                    mark_unreachable(server, self._retry_after)
                raise

        return call


class ResilientRedisCache(RedisCache):
    """Django's RedisCache with the breaker; OPTIONS may set `retry_after` (seconds)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self._retry_after = float(options.pop("retry_after", RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})

    @cached_property
    def _cache(self) -> Any:
        backend = cast(Any, self)  # Django's private attributes, unknown to the type stubs
        client = backend._class(backend._servers, **backend._options)
        return _Breaker(client, self._retry_after, list(backend._servers))
