"""Caches of values computed from many tables, retired all at once by bumping a version number.

A value is stored under a key made of the cache's name, an optional digest (of the templates that
rendered it, say), a version number, the language, today's date and what the value depends on (a
covenant, a year, who may see what). Every write to a watched model bumps the version, so the next
request computes afresh and the old keys are never read again; they expire after `timeout`.

The version is bumped twice: at once (so the writer's own transaction never reads an old value), and
again after the commit (a request that read the old rows between the first bump and the commit
stored its value under a version that is then retired). Writes are seen through model signals and
`bulk_written` (sent by `portal.core.bulk_insert`), so services, the admin, imports and the demo data
all invalidate; a `QuerySet.update()` on a watched row must call `bump()` itself, or is seen only
when the value expires.

The cache is used only when it is shared by every process (Redis): with the per-process memory cache
of the embedded demo nothing is cached, since a bump in one process would not reach the others. A
cache that fails is skipped: the value is computed as if there were none, never a 500.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone, translation

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Sent with `sender=<model>` after rows were inserted without their save() signals (COPY).
bulk_written = Signal()
#: Cache backends that keep their data per process: a bump could not reach the other processes.
_PER_PROCESS_BACKENDS = ("LocMemCache", "DummyCache")


class VersionedCache:
    def __init__(
        self, name: str, *, timeout: int, setting: str, digest: Callable[[], str] = lambda: ""
    ) -> None:
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout
        self.setting = setting
        self.digest = digest
        #: The version this process saw last: a lookup reads it and the value under it in one trip.
        self._seen: int | None = None

    def enabled(self) -> bool:
        """Whether values are cached: the setting when given, else only with a shared cache."""
        value = getattr(settings, self.setting, None)
        if value is not None:
            return bool(value)
        return not str(settings.CACHES["default"]["BACKEND"]).endswith(_PER_PROCESS_BACKENDS)

    def current_version(self) -> int:
        version = cache.get(self.version_key)
        if version is None:
            # Start from the clock rather than 1: after the counter was evicted, no retired key returns.
            cache.add(self.version_key, time.time_ns(), timeout=None)
            version = cache.get(self.version_key)
        return int(version)

    def bump(self) -> None:
        """Retire every cached value (called on every relevant write; never fails the write)."""
        try:
            cache.incr(self.version_key)
        except ValueError:  # no counter yet, or evicted: a fresh clock value is a new version too
            cache.set(self.version_key, time.time_ns(), timeout=None)
        except Exception:  # a cache outage must not undo a write nor break a page
            log.warning("Could not bump the version of cache %s", self.name, exc_info=True)

    def key(self, *parts: Any, version: int | None = None) -> str:
        """The key of a value: version (the current one unless given), language, today's date, `parts`."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        today = timezone.localdate().isoformat()
        if version is None:
            version = self.current_version()
        return ":".join([self.name, self.digest(), str(version), language, today, *map(str, parts)])

    def _lookup(self, parts: tuple[Any, ...]) -> tuple[str, Any]:
        seen = self._seen
        if seen is not None:
            key = self.key(*parts, version=seen)
            found = cache.get_many([self.version_key, key])  # one MGET: the version and the value
            if found.get(self.version_key) == seen:
                return key, found.get(key)
        self._seen = version = self.current_version()
        key = self.key(*parts, version=version)
        return key, cache.get(key)

    def cached(self, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The value stored under `parts`, or `compute()` stored for the next request (picklable)."""
        if not self.enabled():
            return compute()
        try:
            key, value = self._lookup(parts)
        except Exception:  # a cache outage must not break a page
            log.warning("Cache %s unavailable; computing without it", self.name, exc_info=True)
            return compute()
        if value is None:
            value = compute()
            try:
                cache.set(key, value, self.timeout)
            except Exception:  # a cache outage must not break a page
                log.warning("Could not store a value in cache %s", self.name, exc_info=True)
        return cast(T, value)

    def changed(self, sender: Any = None, using: str = "default", **kwargs: Any) -> None:
        """A signal receiver: bump now and after the commit."""
        if kwargs.get("raw"):  # loading fixtures
            return
        self.bump()
        transaction.on_commit(self.bump, using=using)

    def watch(self, *watched: type[models.Model]) -> None:
        """Bump on every save, delete and bulk insert of these models (and their m2m changes)."""
        for model in watched:
            uid = f"{self.name}.{model._meta.label}"
            post_save.connect(self.changed, sender=model, dispatch_uid=f"{uid}.save", weak=False)
            post_delete.connect(self.changed, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
            bulk_written.connect(self.changed, sender=model, dispatch_uid=f"{uid}.bulk", weak=False)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(
                    self.changed, sender=through, dispatch_uid=f"{uid}.{field.name}", weak=False
                )
