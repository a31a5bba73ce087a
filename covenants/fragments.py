"""Cached HTML fragments of the public covenant pages (the list's table, a covenant's public sections).

A fragment is stored under a key made of a digest of the cached templates, a version number, the page
language, today's date and what the fragment depends on (a covenant, a page number, who may see
what). Every write to a row those fragments show or that decides who sees them (covenants, themes,
parties, memberships, organisations, steering-group seats, per-covenant grants) bumps the version, so
the next request renders afresh and the old keys are never read again; they expire after `TIMEOUT`.

The version is bumped twice: at once (so the writer's own transaction never reads an old fragment),
and again after the commit (a request that rendered the old rows between the first bump and the
commit stored its fragment under a version that is then retired). Every `migrate` (so every deploy)
bumps it too. Writes are seen through model signals, so the services, the admin and the demo data all
invalidate; a `QuerySet.update()` on such a row must call `bump()` itself.

The cache is used only when it is shared by every process (Redis): with the per-process memory cache
of the embedded demo nothing is cached, since a bump in one process would not reach the others. A
cache that fails is skipped: the page is rendered as if there were none, never a 500.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger(__name__)
T = TypeVar("T")

VERSION_KEY = "covenants:pages:version"
#: Seconds a fragment is kept at most (it is normally retired earlier by a bump).
TIMEOUT = 60 * 60
#: Cache backends that keep their data per process: a bump could not reach the other processes.
_PER_PROCESS_BACKENDS = ("LocMemCache", "DummyCache")
#: The templates whose output is cached.
TEMPLATES = (
    "covenants/_covenant_table.html",
    "components/pagination.html",
    "covenants/_covenant_page.html",
    "covenants/_covenant_sections.html",
    "covenants/_secretariat_contact.html",
)


def enabled() -> bool:
    """Whether fragments are cached: `PORTAL_PAGE_CACHE` when set, else only with a shared cache."""
    setting = getattr(settings, "PORTAL_PAGE_CACHE", None)
    if setting is not None:
        return bool(setting)
    backend = str(settings.CACHES["default"]["BACKEND"])
    return not backend.endswith(_PER_PROCESS_BACKENDS)


@functools.cache
def _templates_digest() -> str:
    """A short digest of the cached templates, read once per process: a deploy that changes them
    starts with new keys even before its `migrate` bumps the version."""
    digest = hashlib.blake2b(digest_size=4)
    for name in TEMPLATES:
        digest.update(get_template(name).template.source.encode())  # type: ignore[attr-defined]
    return digest.hexdigest()


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock rather than 1: after the counter was evicted, no retired key comes back.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return int(version)


def bump() -> None:
    """Retire every cached fragment (called on every relevant write; never fails the write)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet, or evicted: a fresh clock value is a new version too
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # a cache outage must not undo a write nor break a page
        log.warning("Could not bump the covenant pages' cache version", exc_info=True)


def fragment_key(*parts: Any, version: int | None = None) -> str:
    """The key of a fragment: version (the current one unless given), language, today's date, `parts`."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    today = timezone.localdate().isoformat()
    if version is None:
        version = current_version()
    return ":".join(["covenants:pages", _templates_digest(), str(version), language, today, *map(str, parts)])


#: The version this process saw last: a lookup reads it and the fragment under it in one round trip.
_seen_version: int | None = None


def _lookup(parts: tuple[Any, ...]) -> tuple[str, Any]:
    """(key, stored value or None) under the current version; one round trip while it is unchanged."""
    global _seen_version
    seen = _seen_version
    if seen is not None:
        key = fragment_key(*parts, version=seen)
        found = cache.get_many([VERSION_KEY, key])  # one MGET: the version and the value, consistent
        if found.get(VERSION_KEY) == seen:
            return key, found.get(key)
    _seen_version = version = current_version()
    key = fragment_key(*parts, version=version)
    return key, cache.get(key)


def cached(parts: tuple[Any, ...], render: Callable[[], T]) -> T:
    """The value stored under `parts`, or `render()` stored for the next request (any picklable value)."""
    if not enabled():
        return render()
    try:
        key, value = _lookup(parts)
    except Exception:  # a cache outage must not undo a write nor break a page
        log.warning("Covenant pages' cache unavailable; rendering without it", exc_info=True)
        return render()
    if value is None:
        value = render()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:  # a cache outage must not undo a write nor break a page
            log.warning("Could not store a covenant page fragment", exc_info=True)
    return cast(T, value)


def cached_fragment(parts: tuple[Any, ...], render: Callable[[], str]) -> SafeString:
    """An HTML fragment rendered by the template engine (so escaped there), from the cache if there."""
    return mark_safe(cached(parts, render))  # noqa: S308 - escaped by the template that rendered it


def _changed(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    bump()
    transaction.on_commit(bump, using=using)


def _migrated(**kwargs: Any) -> None:
    bump()  # every deploy runs `migrate`: new code never reads fragments rendered by the old


def connect() -> None:
    """Bump the version on every write to what the cached fragments show (from AppConfig.ready)."""
    from portal.accounts.models import Organisation

    from .models import (
        Covenant,
        CovenantUserObjectPermission,
        Membership,
        Party,
        RiskTheme,
        SteeringGroupMember,
    )

    models = (
        Covenant,
        RiskTheme,
        Party,
        Membership,
        Organisation,
        SteeringGroupMember,
        CovenantUserObjectPermission,
    )
    for model in models:
        uid = f"covenants.fragments.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_changed, sender=Covenant.themes.through, dispatch_uid="covenants.fragments.themes")
    post_migrate.connect(
        _migrated, sender=apps.get_app_config("covenants"), dispatch_uid="covenants.fragments.migrate"
    )
