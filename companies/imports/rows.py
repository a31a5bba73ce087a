"""Validate and normalise the rows of a location list into plain dataclasses.

Each record becomes a ``LocationRow`` (clean values, ready for matching) or a ``RejectedRow`` (the
original cells and every reason, translated into the active language). One bad row never costs the
good ones. A later row for the same location as an earlier one (same normalised name, country and
city) is kept but carries ``duplicate_of``, the earlier line number, so the preview can flag it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.imports import choices
from companies.imports.columns import ColumnMap, has_required_columns, map_columns
from companies.imports.countries import country_code
from companies.imports.read import RawRow, Table, open_table

MAX_LENGTHS = {
    "name": 500,
    "address": 1000,
    "city": 200,
    "postal_code": 20,
    "parent_company": 500,
    "sector": 200,
    "processing_type": 200,
    "product_category": 100,
}
# Column names inside reasons; lazy, so a row without problems costs no translation look-up.
LABELS = {
    "name": gettext_lazy("name"),
    "address": gettext_lazy("address"),
    "city": gettext_lazy("city"),
    "postal_code": gettext_lazy("postal code"),
    "country": gettext_lazy("country"),
    "parent_company": gettext_lazy("parent company"),
    "sector": gettext_lazy("sector"),
    "processing_type": gettext_lazy("processing type"),
    "latitude": gettext_lazy("latitude"),
    "longitude": gettext_lazy("longitude"),
    "first_year": gettext_lazy("first year"),
    "last_year": gettext_lazy("last year"),
}
BAND_CODES = frozenset(code for code, *_rest in choices.WORKER_BANDS)
OLDEST_YEAR = 1900
OSH_ID = re.compile(r"^[A-Z]{2}[0-9]{7}[A-Z0-9]{6}$")
_THOUSANDS = re.compile(r"^[0-9]{1,3}([.,\s'][0-9]{3})+$")
_RANGE = re.compile(r"^([0-9][0-9.,\s]*)\s*[-\u2013\u2014]\s*([0-9][0-9.,\s]*)$")
_MORE_THAN = re.compile(r"^(?:>|more than|meer dan|over)\s*([0-9][0-9.,\s]*)\+?$|^([0-9][0-9.,\s]*)\s*\+$")
_TIER = re.compile(r"^(?:tier|niveau)?\s*([0-9]+)\s*(\+?)$")
_CATEGORY_SPLIT = re.compile(r"\s*[;|]\s*")
YES = frozenset({"yes", "y", "ja", "j", "true", "waar", "1", "x"})
NO = frozenset({"", "no", "n", "nee", "false", "onwaar", "0"})


@dataclass(slots=True)
class LocationRow:
    line: int
    name: str
    address: str
    country: str
    city: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    sector: str = ""
    sector_text: str = ""  # the words as written, kept when they map to "other"
    processing_type: str = ""
    processing_type_text: str = ""
    worker_band: str = ""
    parent_company: str = ""
    osh_id: str = ""
    tier: int | None = None
    product_categories: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    show_publicly: bool = False
    duplicate_of: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return duplicate_key(self.name, self.country, self.city)


_ROW_FIELDS = tuple(f.name for f in fields(LocationRow))
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: The values that repeat from row to row (one shared object each when rows are read back).
_REPEATING = frozenset(
    _ROW_FIELDS.index(name)
    for name in (
        "country",
        "city",
        "postal_code",
        "sector",
        "sector_text",
        "processing_type",
        "processing_type_text",
        "worker_band",
        "product_categories",
    )
)


def row_to_json(row: LocationRow) -> str:
    """One line of JSON that `row_from_json` turns back into the same row."""
    return _ENCODER.encode([getattr(row, name) for name in _ROW_FIELDS])


def row_from_json(text: str | bytes, shared: dict[Any, Any] | None = None) -> LocationRow:
    """The row back from `row_to_json`; with `shared`, a repeated value becomes one object for all rows."""
    values = json.loads(text)
    values[_CATEGORIES] = tuple(values[_CATEGORIES])
    if shared is not None:
        for index in _REPEATING:
            values[index] = shared.setdefault(values[index], values[index])
    return LocationRow(*values)


_CATEGORIES = _ROW_FIELDS.index("product_categories")


@dataclass(slots=True)
class RejectedRow:
    line: int
    values: list[str]
    reasons: list[str]
    name: str = ""  # the name cell as written (at most 200 characters), to recognise the row by


ParsedRow = LocationRow | RejectedRow


def duplicate_key(name: str, country: str, city: str) -> tuple[str, str, str]:
    """Name and city reduced to letters and digits (no case, no accents), with the country code."""
    return choices.normalise_word_spaced(name), country, _spaced(city)


def parse_locations(
    stream: IO[bytes], *, today: date | None = None
) -> tuple[Table, ColumnMap, Iterator[ParsedRow]]:
    """Open the file, check its columns and return a generator over its validated rows. File-level
    problems raise ``TableFileError``, the last of them (too many rows) possibly while iterating."""
    table = open_table(stream, is_header=has_required_columns)
    columns = map_columns(table.header)
    return table, columns, RowValidator(columns, today=today).validate_all(table.rows)


class RowValidator:
    """Turns raw rows into ``LocationRow`` or ``RejectedRow``; remembers keys to flag duplicates."""

    def __init__(self, columns: ColumnMap, *, today: date | None = None) -> None:
        self.columns = columns
        self.positions = tuple(columns.index.items())
        self.this_year = (today or date.today()).year
        self.seen: dict[tuple[str, str, str], int] = {}

    def validate_all(self, rows: Iterator[RawRow]) -> Iterator[ParsedRow]:
        for raw in rows:
            yield self.validate(raw)

    def validate(self, raw: RawRow) -> ParsedRow:
        if raw.problem is not None:
            return RejectedRow(raw.line, raw.cells, [raw.problem])
        cells = raw.cells
        width = len(cells)
        get = {key: cells[i] if i < width else "" for key, i in self.positions}.get
        reasons: list[str] = []
        text = self._text
        name = text(get("name", ""), "name", reasons, required=True)
        address = text(get("address", ""), "address", reasons, required=True)
        city = text(get("city", ""), "city", reasons)
        postal_code = text(get("postal_code", ""), "postal_code", reasons)
        parent = text(get("parent_company", ""), "parent_company", reasons)
        country = self._country(get("country", ""), reasons)
        latitude, longitude = self._coordinates(get("latitude", ""), get("longitude", ""), reasons)
        sector_text = text(get("sector", ""), "sector", reasons)
        processing_text = text(get("processing_type") or get("facility_type", ""), "processing_type", reasons)
        first_year = self._year(get("first_year", ""), "first_year", reasons)
        last_year = self._year(get("last_year", ""), "last_year", reasons)
        if first_year and last_year and first_year > last_year:
            reasons.append(
                _("The first year (%(first)s) is after the last year (%(last)s).")
                % {"first": first_year, "last": last_year}
            )
        row = LocationRow(
            line=raw.line,
            name=name,
            address=address,
            country=country,
            city=city,
            postal_code=postal_code,
            latitude=latitude,
            longitude=longitude,
            sector=_choice(sector_text, choices.SECTOR_WORDS, choices.sector_labels()),
            sector_text=sector_text,
            processing_type=_choice(processing_text, choices.PROCESSING_WORDS, choices.processing_labels()),
            processing_type_text=processing_text,
            worker_band=self._workers(get("workers", ""), reasons),
            parent_company=parent,
            osh_id=self._osh_id(get("osh_id", ""), reasons),
            tier=self._tier(get("tier", ""), reasons),
            product_categories=self._categories(get("product_categories", ""), reasons),
            first_year=first_year,
            last_year=last_year,
            show_publicly=self._yes_no(get("show_publicly", ""), reasons),
        )
        if reasons:
            return RejectedRow(raw.line, cells, reasons, " ".join(get("name", "").split())[:200])
        earlier = self.seen.setdefault(row.key, raw.line)
        if earlier != raw.line:
            row.duplicate_of = earlier
        return row

    # --- one check per column ---------------------------------------------------------------------

    @staticmethod
    def _text(value: str, key: str, reasons: list[str], *, required: bool = False) -> str:
        value = " ".join(value.split())
        if required and not value:
            reasons.append(_("The %(column)s is empty.") % {"column": LABELS[key]})
        elif len(value) > MAX_LENGTHS[key]:
            reasons.append(
                _("The %(column)s is %(length)s characters long; at most %(max)s are allowed.")
                % {"column": LABELS[key], "length": f"{len(value):,}", "max": MAX_LENGTHS[key]}
            )
            return ""
        return value

    @staticmethod
    def _country(value: str, reasons: list[str]) -> str:
        if not value.strip():
            reasons.append(_("The %(column)s is empty.") % {"column": LABELS["country"]})
            return ""
        code = country_code(value)
        if code is None:
            reasons.append(
                _("Unknown country “%(value)s”: use its name in English or Dutch, or its ISO code.")
                % {"value": value[:100]}
            )
            return ""
        return code

    @staticmethod
    def _coordinates(lat: str, lon: str, reasons: list[str]) -> tuple[float | None, float | None]:
        if not lat.strip() and not lon.strip():
            return None, None
        if not lat.strip() or not lon.strip():
            reasons.append(_("Give both latitude and longitude, or neither."))
            return None, None
        values: list[float | None] = []
        for text, label, bound in ((lat, LABELS["latitude"], 90), (lon, LABELS["longitude"], 180)):
            number = _number(text)
            if number is None or not -bound <= number <= bound:
                reasons.append(
                    _("The %(column)s “%(value)s” is not a number between -%(bound)s and %(bound)s.")
                    % {"column": label, "value": text[:50], "bound": bound}
                )
                values.append(None)
            else:
                values.append(round(number, 6))
        return values[0], values[1]

    def _year(self, value: str, key: str, reasons: list[str]) -> int | None:
        value = value.strip()
        if not value:
            return None
        if not value.isdigit() or not OLDEST_YEAR <= int(value) <= self.this_year:
            reasons.append(
                _("The %(column)s “%(value)s” must be a year from %(oldest)s up to %(this_year)s.")
                % {
                    "column": LABELS[key],
                    "value": value[:50],
                    "oldest": OLDEST_YEAR,
                    "this_year": self.this_year,
                }
            )
            return None
        return int(value)

    @staticmethod
    def _tier(value: str, reasons: list[str]) -> int | None:
        text = value.strip().lower()
        if not text:
            return None
        match = _TIER.match(text)
        tier = int(match.group(1)) if match else 0
        if not match or tier < 1 or (match.group(2) and tier != 3):
            reasons.append(_("The tier “%(value)s” must be 1, 2 or 3 (or 3+).") % {"value": value[:50]})
            return None
        return min(tier, 3)  # tier 3 stands for 3 and further

    @staticmethod
    def _workers(value: str, reasons: list[str]) -> str:
        band = _worker_band(value)
        if band is None:
            reasons.append(
                _("The number of workers “%(value)s” is neither a number nor one of the bands %(bands)s.")
                % {"value": value[:50], "bands": ", ".join(code for code, *_rest in choices.WORKER_BANDS)}
            )
            return ""
        return band

    @staticmethod
    def _osh_id(value: str, reasons: list[str]) -> str:
        text = value.strip().upper()
        if text and not OSH_ID.match(text):
            reasons.append(
                _(
                    "The Open Supply Hub ID “%(value)s” is not valid: it has 2 letters, 7 digits and 6 letters or digits, like CN2019303BQ3FZP."
                )
                % {"value": value[:50]}
            )
            return ""
        return text

    @staticmethod
    def _categories(value: str, reasons: list[str]) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for part in _CATEGORY_SPLIT.split(value.strip()):
            part = " ".join(part.split())
            if not part:
                continue
            if len(part) > MAX_LENGTHS["product_category"]:
                reasons.append(
                    _("A product category is longer than %(max)s characters.")
                    % {"max": MAX_LENGTHS["product_category"]}
                )
                return ()
            found.setdefault(part, None)
        return tuple(found)

    @staticmethod
    def _yes_no(value: str, reasons: list[str]) -> bool:
        text = value.strip().lower()
        if text in YES:
            return True
        if text not in NO:
            reasons.append(_("Show publicly must be yes or no, not “%(value)s”.") % {"value": value[:50]})
        return False


@lru_cache(maxsize=4096)
def _worker_band(value: str) -> str | None:
    """The band for a count, a range or a band written out; "" for nothing, None when unreadable."""
    text = " ".join(value.strip().lower().split())
    if not text:
        return ""
    if text in BAND_CODES:
        return text
    band = choices.band_for_word(text)
    if band:
        return band
    count: int | None = None
    if match := _MORE_THAN.match(text):
        lowest = _count(match.group(1) or match.group(2))
        count = lowest + 1 if lowest is not None else None
    elif match := _RANGE.match(text):
        count = _count(match.group(2))  # a range counts by its upper end
    else:
        count = _count(text)
    if count is None or count < 1:
        return None
    return choices.band_for_count(count)


def _choice(text: str, table: dict[str, str], labels: dict[str, str]) -> str:
    if not text:
        return ""
    key = _normalised(text)
    return table.get(key) or labels.get(key) or choices.OTHER


@lru_cache(maxsize=4096)
def _spaced(text: str) -> str:
    return choices.normalise_word_spaced(text)


@lru_cache(maxsize=4096)
def _normalised(text: str) -> str:
    # Sectors and processing types repeat on almost every row: normalise each spelling once.
    return choices.normalise_word(text)


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def _count(text: str) -> int | None:
    text = text.strip()
    if _THOUSANDS.match(text):
        text = re.sub(r"[.,\s']", "", text)
    if text.isdigit():
        return int(text)
    number = _number(text)
    return int(number) if number is not None and number.is_integer() else None
