"""Case references: the covenant's prefix, the year filed and a number counted per prefix and year
(GT-2026-0007). One statement advances the counter (an upsert that returns the new value), so
concurrent filings never share a number and the row stays locked only until the filing commits; a
rolled-back filing may leave a gap, which is harmless."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from covenants.models import Covenant

from .models import ReferenceCounter
from .models.case import reference_prefix

_table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
#: PostgreSQL and SQLite (3.35+) both speak this upsert. The table name is the model's own, quoted;
#: the values are parameters.
_ADVANCE = (
    f"INSERT INTO {_table} (prefix, year, last) VALUES (%s, %s, 1) "  # nosec B608 # noqa: S608 - the model's own table name, quoted; values are parameters
    f"ON CONFLICT (prefix, year) DO UPDATE SET last = {_table}.last + 1 RETURNING last"
)


def next_reference(covenant: Covenant, year: int | None = None) -> str:
    """The next free reference of `covenant` for `year` (default: this year). Call it inside the
    transaction that stores the complaint."""
    prefix = reference_prefix(covenant)
    year = year or timezone.localdate().year
    with connection.cursor() as cursor:
        cursor.execute(_ADVANCE, [prefix, year])
        (number,) = cursor.fetchone()
    return f"{prefix}-{year}-{number:04d}"
