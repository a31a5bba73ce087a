"""The Redis cache fails at once for a while after Redis failed to answer (portal/core/cache.py)."""

from __future__ import annotations

import time

import pytest
import redis

from portal.core.cache import RedisUnavailable, ResilientRedisCache
from tests.faults.stack import free_port


def cache_at(port: int, retry_after: float) -> ResilientRedisCache:
    options = {"socket_connect_timeout": 1, "socket_timeout": 1, "retry_after": retry_after}
    return ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {"OPTIONS": options})


def test_after_a_failure_the_cache_fails_at_once_then_asks_redis_again():
    cache = cache_at(free_port(), retry_after=0.5)  # nothing listens there
    with pytest.raises(redis.ConnectionError) as first:
        cache.get("key")
    assert not isinstance(first.value, RedisUnavailable)  # Redis itself was asked
    with pytest.raises(RedisUnavailable):
        cache.add("key", 1)
    time.sleep(0.6)
    with pytest.raises(redis.ConnectionError) as later:
        cache.get("key")
    assert not isinstance(later.value, RedisUnavailable)  # asked again once the pause is over


def test_a_working_cache_is_not_affected(settings):
    from django.core.cache import cache

    cache.set("breaker-check", 41)
    assert cache.incr("breaker-check") == 42
