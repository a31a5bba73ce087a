"""Read an uploaded location list: recognise the file by its content, then stream its rows.

Only three kinds of file are tables here: text (CSV, comma, semicolon or tab separated), XLSX and
ODS. The kind is decided from the bytes, never from the file name. Every refusal is a
``TableFileError`` carrying a translated sentence that a form shows next to the file field.

Text is decoded in a first pass that checks the whole file (UTF-8 with or without BOM, UTF-16 with
BOM, else cp1252) without keeping it, then read a second time as rows. Spreadsheets are checked
for zip bombs (the real uncompressed size, not the size the zip claims) before calamine opens them.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import re
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 25 * MB  # the same as PORTAL_MAX_REQUEST_BYTES: a bigger upload never arrives
DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_UNZIPPED_BYTES = 400 * MB
MAX_COMPRESSION_RATIO = 150  # sheet XML compresses 10-30 times; a bomb compresses thousands of times
MAX_ZIP_ENTRIES = 2_000
HEADER_SEARCH_ROWS = 10
MAX_RECORD_LINES = 8  # a quoted cell may hold line breaks, but a quote left open is a broken row
CHUNK = 1 * MB
SEPARATOR_HINT = re.compile(r"^\ufeff?sep=[,;\t|]\s*$")
TEXT_MIME_TYPES = ("text/", "application/csv", "application/x-csv")
XLSX_MARKER = "xl/workbook.xml"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


HeaderTest = Callable[[list[str]], bool]


class TableFileError(ValidationError):
    """The whole file is refused; ``messages[0]`` says why in the active language."""


@dataclass(slots=True)
class RawRow:
    """One record as found in the file: its first line number (the header is line 1 in a CSV file,
    the sheet's row number in a spreadsheet) and its cells as text. ``problem`` is set, and
    ``cells`` holds the raw line, when the record could not be read as cells."""

    line: int
    cells: list[str]
    problem: str | None = None


@dataclass
class Table:
    """An opened file: the header cells and a generator over the rows below them."""

    kind: str  # "csv", "xlsx" or "ods"
    header: list[str]
    header_line: int
    rows: Iterator[RawRow]
    encoding: str = ""
    delimiter: str = ""


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_bytes() -> int:
    return _limit("PORTAL_LOCATION_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    return _limit("PORTAL_LOCATION_UPLOAD_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_unzipped_bytes() -> int:
    return _limit("PORTAL_LOCATION_UPLOAD_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES)


def not_a_table() -> TableFileError:
    return TableFileError(_("This file is not a table: upload a CSV or XLSX file."), code="not_a_table")


def open_table(stream: IO[bytes], is_header: HeaderTest | None = None) -> Table:
    """Recognise the file in ``stream`` (binary, seekable) and return its header and rows.

    The header is the first non-empty row, or, with ``is_header``, the first of the first
    ``HEADER_SEARCH_ROWS`` non-empty rows it accepts, so a title above the column names is skipped."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise TableFileError(_("The file is empty."), code="empty")
    if size > max_bytes():
        raise TableFileError(
            _("The file is too large (%(size)s MB): upload at most %(max)s MB, or split the list.")
            % {"size": round(size / MB, 1), "max": max_bytes() // MB},
            code="too_large",
        )
    head = stream.read(8192)
    stream.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _open_spreadsheet(stream, is_header)
    return _open_text(stream, head, is_header)


# --- spreadsheets -----------------------------------------------------------------------------------


def _spreadsheet_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if XLSX_MARKER in names and "[Content_Types].xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        with archive.open("mimetype") as handle:
            if handle.read(100).strip() == ODS_MIME:
                return "ods"
    raise not_a_table()


def _zip_bomb() -> TableFileError:
    return TableFileError(
        _(
            "The spreadsheet unpacks to far more data than a location list holds and was refused. "
            "Save it again as a plain XLSX file, or upload it as CSV."
        ),
        code="zip_bomb",
    )


def check_zip(stream: IO[bytes]) -> zipfile.ZipFile:
    """Open the archive and refuse a zip bomb, judged first by the directory's claims and then by
    really inflating every entry (streamed, nothing kept) against the same limits: a directory can lie."""
    try:
        archive = zipfile.ZipFile(stream)
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise not_a_table() from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _zip_bomb()
    limit = max_unzipped_bytes()
    claimed = sum(entry.file_size for entry in entries)
    if claimed > limit or any(_ratio(e.file_size, e.compress_size) > MAX_COMPRESSION_RATIO for e in entries):
        raise _zip_bomb()
    total = 0
    for entry in entries:
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise not_a_table()
        real = 0
        try:
            with archive.open(entry) as handle:
                while chunk := handle.read(CHUNK):
                    real += len(chunk)
                    total += len(chunk)
                    if total > limit or _ratio(real, entry.compress_size) > MAX_COMPRESSION_RATIO:
                        raise _zip_bomb()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            # Sizes or checksums that do not match the data: damaged, or crafted to hide its size.
            raise TableFileError(
                _("The spreadsheet is damaged: save it again as XLSX, or upload it as CSV."), code="damaged"
            ) from exc
    return archive


def _ratio(unpacked: int, packed: int) -> float:
    # Small entries may compress very well (an empty sheet); only a large output counts as a bomb.
    if unpacked < MB:
        return 0.0
    return unpacked / max(packed, 1)


def _open_spreadsheet(stream: IO[bytes], is_header: HeaderTest | None) -> Table:
    import python_calamine

    archive = check_zip(stream)
    kind = _spreadsheet_kind(archive)
    stream.seek(0)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(stream)
        sheet = workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises its own error types for every broken workbook
        raise not_a_table() from exc
    # No row count up front: a sheet's range can reach far below its data (formatted empty rows);
    # _limited counts the rows that hold something.
    rows = _sheet_rows(sheet)
    candidates: list[tuple[RawRow, list[str]]] = []
    for raw in rows:
        if any(raw.cells):
            candidates.append((raw, _trim(raw.cells)))
            if is_header is None or is_header(candidates[-1][1]) or len(candidates) == HEADER_SEARCH_ROWS:
                break
    header_at = _header_position([cells for _raw, cells in candidates], is_header)
    header_row, header = candidates[header_at]
    after = [raw for raw, _cells in candidates[header_at + 1 :]]
    return Table(
        kind=kind, header=header, header_line=header_row.line, rows=_limited(itertools.chain(after, rows))
    )


def _header_position(candidates: list[list[str]], is_header: HeaderTest | None) -> int:
    """Which of the first non-empty rows is the header: the one ``is_header`` accepts, else the first."""
    if not candidates:
        raise TableFileError(_("The file holds no rows."), code="empty")
    if is_header is not None:
        for position, cells in enumerate(candidates):
            if is_header(cells):
                return position
    return 0


def _sheet_rows(sheet: Any) -> Iterator[RawRow]:
    first = sheet.start[0] if sheet.start else 0
    for offset, values in enumerate(sheet.iter_rows()):
        # Nearly every cell is text or empty: handle those inline, the rest through cell_text.
        yield RawRow(
            first + offset + 1,
            [value.strip() if value.__class__ is str else cell_text(value) for value in values],
        )


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: 2019.0 is "2019", a date is ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def too_many_rows() -> TableFileError:
    return TableFileError(
        _("The file has more than %(max)s rows: split it into smaller lists.") % {"max": f"{max_rows():,}"},
        code="too_many_rows",
    )


def _limited(rows: Iterator[RawRow]) -> Iterator[RawRow]:
    """Rows with the blank ones skipped; more than the maximum stops the file with ``TableFileError``."""
    limit = max_rows()
    count = 0
    for raw in rows:
        if raw.problem is None and not any(raw.cells):
            continue
        count += 1
        if count > limit:
            raise too_many_rows()
        yield raw


# --- text -------------------------------------------------------------------------------------------


def _bad_encoding() -> TableFileError:
    return TableFileError(
        _("The file is not in a known text encoding: save it as UTF-8 CSV."), code="encoding"
    )


def detect_encoding(stream: IO[bytes], head: bytes) -> str:
    """The text encoding of the whole file, checked by decoding all of it in chunks."""
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif _looks_like_utf16(head):
        candidates = ["utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        if _decodes(stream, encoding):
            return encoding
    raise _bad_encoding()


def _looks_like_utf16(head: bytes) -> bool:
    # Latin text in UTF-16 without a BOM: every other byte is zero, and the bytes between are not.
    sample = head[:512]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    return (odd.count(0) > len(odd) * 0.9 and even.count(0) < len(even) * 0.1) or (
        even.count(0) > len(even) * 0.9 and odd.count(0) < len(odd) * 0.1
    )


def _decodes(stream: IO[bytes], encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    stream.seek(0)
    try:
        while chunk := stream.read(CHUNK):
            text = decoder.decode(chunk)
            if "\x00" in text:
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def _is_text(head: bytes) -> bool:
    # Whole lines only, so a character cut in two at the end does not look like binary data.
    whole = head[: head.rfind(b"\n") + 1] or head
    mime = magic.from_buffer(whole, mime=True)
    return mime.startswith(TEXT_MIME_TYPES)


def detect_delimiter(header_line: str) -> str:
    """Comma, semicolon or tab: whichever the header line holds most of (outside quotes)."""
    outside = header_line.split('"')[::2]
    counts = {sep: sum(part.count(sep) for part in outside) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _open_text(stream: IO[bytes], head: bytes, is_header: HeaderTest | None) -> Table:
    # Reject what libmagic knows is no text (an image, a PDF, an old .xls) before any decoding.
    utf16 = _looks_like_utf16(head) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and not _is_text(head):
        raise not_a_table()
    encoding = detect_encoding(stream, head)
    text = _KeepOpen(stream, encoding=encoding, newline="")
    lines: Iterator[tuple[int, str]] = _physical_lines(text)
    forced = ""
    candidates: list[tuple[int, str, str, list[str]]] = []  # line number, line, delimiter, cells
    for number, line in lines:
        if number == 1 and SEPARATOR_HINT.match(line):  # Excel's "sep=;" first line
            forced = line.strip()[4:]
            continue
        if line.strip():
            delimiter = forced or detect_delimiter(line)
            cells = _trim([cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), [])])
            candidates.append((number, line, delimiter, cells))
            if is_header is None or is_header(cells) or len(candidates) == HEADER_SEARCH_ROWS:
                break
    header_at = _header_position([cells for *_rest, cells in candidates], is_header)
    number, _line, delimiter, header = candidates[header_at]
    after = [(n, line) for n, line, _d, _c in candidates[header_at + 1 :]]
    rows = _csv_rows(itertools.chain(after, lines), delimiter, width=len(header))
    return Table(
        kind="csv",
        header=header,
        header_line=number,
        rows=_limited(rows),
        encoding=encoding,
        delimiter=delimiter,
    )


class _KeepOpen(io.TextIOWrapper):
    """A text view that leaves the caller's binary file open when it is closed or collected."""

    def close(self) -> None:
        with contextlib.suppress(ValueError):
            self.detach()


def _physical_lines(text: io.TextIOWrapper) -> Iterator[tuple[int, str]]:
    yield from enumerate(text, start=1)


def _csv_rows(lines: Iterator[tuple[int, str]], delimiter: str, width: int) -> Iterator[RawRow]:
    """Records below the header. A record whose quote stays open over ``MAX_RECORD_LINES`` lines is
    rejected as its first line alone, and reading goes on with the next line, so one stray quote
    never swallows the rows after it."""
    pending: deque[tuple[int, str]] = deque()

    def next_line() -> tuple[int, str] | None:
        if pending:
            return pending.popleft()
        return next(lines, None)

    while (item := next_line()) is not None:
        number, record = item
        if record.count('"') % 2:
            # An odd count is either a quote inside a plain cell (12" pipes), fine on its own line,
            # or a quoted cell that goes on over the next lines.
            alone = _record(number, record, delimiter, width)
            if alone.problem is None:
                yield alone
                continue
        taken: list[tuple[int, str]] = []
        while record.count('"') % 2 and len(taken) < MAX_RECORD_LINES - 1:
            following = next_line()
            if following is None:
                break
            taken.append(following)
            record += following[1]
        if record.count('"') % 2:
            pending.extendleft(reversed(taken))
            yield RawRow(number, [item[1].rstrip("\r\n")], _("A quote is opened and never closed."))
            continue
        yield _record(number, record, delimiter, width)


def _record(number: int, record: str, delimiter: str, width: int) -> RawRow:
    try:
        cells = next(csv.reader([record], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return RawRow(number, [record.rstrip("\r\n")], _("The quotes in this row do not match."))
    cells = [cell.strip() for cell in cells]
    if len(cells) > width and not any(cells[width:]):
        cells = cells[:width]
    if cells and len(cells) != width:
        return RawRow(
            number,
            [record.rstrip("\r\n")],
            _("This row has %(found)s cells where the header has %(expected)s.")
            % {"found": len(cells), "expected": width},
        )
    return RawRow(number, cells)
