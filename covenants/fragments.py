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
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.db.models.signals import post_migrate
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from portal.core.versioned_cache import VersionedCache

T = TypeVar("T")

#: Seconds a fragment is kept at most (it is normally retired earlier by a bump).
TIMEOUT = 60 * 60
#: The templates whose output is cached.
TEMPLATES = (
    "covenants/_covenant_table.html",
    "components/pagination.html",
    "covenants/_covenant_page.html",
    "covenants/_covenant_sections.html",
    "covenants/_secretariat_contact.html",
)


@functools.cache
def _templates_digest() -> str:
    """A short digest of the cached templates, read once per process: a deploy that changes them
    starts with new keys even before its `migrate` bumps the version."""
    digest = hashlib.blake2b(digest_size=4)
    for name in TEMPLATES:
        digest.update(get_template(name).template.source.encode())  # type: ignore[attr-defined]
    return digest.hexdigest()


PAGES = VersionedCache(
    "covenants:pages", timeout=TIMEOUT, setting="PORTAL_PAGE_CACHE", digest=_templates_digest
)
VERSION_KEY = PAGES.version_key


def enabled() -> bool:
    """Whether fragments are cached: `PORTAL_PAGE_CACHE` when set, else only with a shared cache."""
    return PAGES.enabled()


def current_version() -> int:
    return PAGES.current_version()


def bump() -> None:
    """Retire every cached fragment (called on every relevant write; never fails the write)."""
    PAGES.bump()


def fragment_key(*parts: Any, version: int | None = None) -> str:
    """The key of a fragment: version (the current one unless given), language, today's date, `parts`."""
    return PAGES.key(*parts, version=version)


def cached(parts: tuple[Any, ...], render: Callable[[], T]) -> T:
    """The value stored under `parts`, or `render()` stored for the next request (any picklable value)."""
    return PAGES.cached(parts, render)


def cached_fragment(parts: tuple[Any, ...], render: Callable[[], str]) -> SafeString:
    """An HTML fragment rendered by the template engine (so escaped there), from the cache if there."""
    return mark_safe(cached(parts, render))  # nosec B308 B703 # noqa: S308 - escaped by the template that rendered it


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

    PAGES.watch(
        Covenant,
        RiskTheme,
        Party,
        Membership,
        Organisation,
        SteeringGroupMember,
        CovenantUserObjectPermission,
    )
    # The themes of a covenant are an m2m field of Covenant: `watch` connects its through model too.
    post_migrate.connect(
        _migrated, sender=apps.get_app_config("covenants"), dispatch_uid="covenants.fragments.migrate"
    )
