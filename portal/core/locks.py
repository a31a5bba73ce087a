"""Named locks across processes: PostgreSQL advisory locks, for work that reads, decides and then
writes (matching submitted locations against the existing ones) and must not run twice at once.

On other databases (the embedded SQLite default) these do nothing: SQLite lets one writer in at a
time, and the embedded default runs its tasks in the web process."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """The signed 64-bit key PostgreSQL takes for a lock name."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextmanager
def advisory_lock(name: str) -> Iterator[None]:
    """Hold the lock `name` for the block, across transactions (session level); waits for it."""
    if connection.vendor != "postgresql":
        yield
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        except DatabaseError:
            # An aborted transaction cannot run the unlock; closing the session releases the lock.
            logger.warning("could not release the advisory lock %r; closing the connection", name)
            if not connection.in_atomic_block:
                connection.close()


def advisory_xact_lock(name: str) -> None:
    """Take the lock `name` until the current transaction ends; waits for it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
