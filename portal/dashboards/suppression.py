"""Statistical disclosure control for the government's dashboard: a count of companies small enough to
point at one company is suppressed, and so is a second cell wherever the shown total would otherwise
let one subtract the suppressed cell back out.

- **Primary**: a cell with 0 < count < threshold is not shown (a zero tells nothing about a company).
- **Secondary**: if exactly one cell of a row is suppressed, the smallest other non-zero cell is
  suppressed too; if there is none, the total is not shown either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    return int(getattr(settings, "PORTAL_DISCLOSURE_THRESHOLD", 3))


@dataclass(frozen=True)
class Row:
    """Counts per category, with None for a suppressed cell; `total` None when it must not be shown."""

    cells: dict[str, int | None]
    total: int | None

    @property
    def suppressed(self) -> bool:
        return any(value is None for value in self.cells.values())


def suppress(counts: Mapping[str, int], *, total: int | None = None, limit: int | None = None) -> Row:
    """The row as it may be shown. `total` defaults to the sum of the cells (and is shown)."""
    limit = threshold() if limit is None else limit
    shown_total = sum(counts.values()) if total is None else total
    cells: dict[str, int | None] = {
        key: (None if 0 < value < limit else value) for key, value in counts.items()
    }
    hidden = [key for key, value in cells.items() if value is None]
    if len(hidden) == 1:
        others = sorted((value, key) for key, value in cells.items() if value)
        if others:
            cells[others[0][1]] = None
        else:
            return Row(cells=cells, total=None)
    return Row(cells=cells, total=shown_total)
