"""The per-row result of an upload as a CSV download: line, status, name and reason.

UTF-8 with a BOM so Excel opens it with the right characters; every cell passes ``safe_text`` so a
name like ``=HYPERLINK(...)`` from the upload is shown as text, never run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.imports.cells import safe_text
from companies.imports.rows import LocationRow, ParsedRow, RejectedRow


class RowStatus(models.TextChoices):
    CREATED = "created", gettext_lazy("Created")
    MATCHED = "matched", gettext_lazy("Matched")
    UPDATED = "updated", gettext_lazy("Updated")
    REJECTED = "rejected", gettext_lazy("Rejected")
    DUPLICATE = "duplicate", gettext_lazy("Duplicate")


@dataclass(slots=True)
class ResultLine:
    line: int
    status: RowStatus
    name: str = ""
    reason: str = ""


def result_for(row: ParsedRow) -> ResultLine | None:
    """The result line a parsed row already has before matching: rejected or duplicate, else None."""
    if isinstance(row, RejectedRow):
        return ResultLine(row.line, RowStatus.REJECTED, row.name, " ".join(row.reasons))
    if isinstance(row, LocationRow) and row.duplicate_of is not None:
        return ResultLine(
            row.line,
            RowStatus.DUPLICATE,
            row.name,
            _("The same location as line %(line)s.") % {"line": row.duplicate_of},
        )
    return None


def write_result_csv(stream: IO[str], lines: Iterable[ResultLine]) -> None:
    """Write the result to a text stream (open it with ``newline=""``), BOM first."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([_("Line"), _("Status"), _("Name"), _("Reason")])
    for item in lines:
        writer.writerow(
            [item.line, str(RowStatus(item.status).label), safe_text(item.name), safe_text(item.reason)]
        )


def result_csv_bytes(lines: Iterable[ResultLine]) -> bytes:
    """The result CSV as bytes, ready for an HttpResponse or a FileField."""
    buffer = io.StringIO(newline="")
    write_result_csv(buffer, lines)
    return buffer.getvalue().encode("utf-8")
