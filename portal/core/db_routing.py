"""Reads that may be a little behind go to a read replica; everything else to the primary.

With `DATABASE_REPLICA_URL` set, settings add the alias `replica`. Only code that says so reads
from it: a view decorated with `@reads_from_replica` (the dashboards, whose figures may lag the
primary by the replication delay), or a block inside `with replica_reads():`. Everything else,
and every write, uses `default`, so a user always sees what they just saved, and the figures a
report publishes are always read from the primary (reports are generated in a task, never inside
a replica block). Inside a transaction on the primary, reads stay on the primary too.

Without the setting there is no `replica` alias and every query goes to `default`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"

_replica_reads: ContextVar[bool] = ContextVar("portal_replica_reads", default=False)

P = ParamSpec("P")
R = TypeVar("R")


def replica_configured() -> bool:
    return REPLICA_DB_ALIAS in connections.settings


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside the block may go to the replica (when there is one)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def reads_from_replica(view: Callable[P, R]) -> Callable[P, R]:
    """A view whose reads may go to the replica: figures where a few seconds' lag does not matter."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


def read_alias() -> str:
    """The alias reads go to here and now."""
    if not _replica_reads.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        # Read what this transaction wrote: a replica would not have it yet.
        return DEFAULT_DB_ALIAS
    return REPLICA_DB_ALIAS


class PrimaryReplicaRouter:
    """The one database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both aliases hold the same data: an object read from the replica may point at one from the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # The replica follows the primary's schema through replication.
        return db == DEFAULT_DB_ALIAS
