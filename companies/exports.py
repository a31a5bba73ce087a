"""Downloads of location lists: the aggregated public list and a company's own locations, each as CSV
(UTF-8 with a byte order mark, so spreadsheets read the accents), XLSX and the Open Supply Hub
contribution format.

Rows are produced lazily in chunks, so a list of 100,000 locations never sits in memory at once: the
CSV is streamed to the client, the XLSX is written by openpyxl's write-only workbook into a temporary
file. Every cell goes through ``safe_cell`` / ``safe_text``: a name such as ``=HYPERLINK(...)`` is
shown as text, never run as a formula.

Our own columns carry their English and Dutch headers (``imports.columns``), so a company's export can
be uploaded again as it is.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import Workbook

from . import selectors
from .imports.cells import safe_cell, safe_text
from .imports.columns import BY_KEY, OSH_COLUMNS
from .models import ProcessingType, ProductCategory, ProductionLocation, SupplyLink, WorkerBand

FORMATS = ("csv", "xlsx", "osh")
CHUNK_SIZE = 1000
BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = list[Any]


class Labels:
    """Choice labels and country names, translated once per download in the active language."""

    def __init__(self) -> None:
        from covenants.models import Sector

        self.countries = dict(countries)
        self.sectors = {value: str(label) for value, label in Sector.choices}
        self.types = {value: str(label) for value, label in ProcessingType.choices}
        self.categories = {value: str(label) for value, label in ProductCategory.choices}


def _header(key: str, language: str) -> str:
    return BY_KEY[key].header(language)


def _band(location: ProductionLocation) -> str:
    """The worker band as its code (1-100, 101-500, ...): the same in both languages, read by the upload."""
    return "" if location.worker_band == WorkerBand.UNKNOWN else location.worker_band


def _labels(fmt: str) -> Labels:
    """The Open Supply Hub format is in English, whatever the page's language."""
    if fmt == "osh":
        with translation.override("en"):
            return Labels()
    return Labels()


def _location_cells(location: ProductionLocation, labels: Labels) -> Row:
    code = location.country.code
    return [
        location.public_id,
        location.name,
        location.address,
        location.city,
        location.postal_code,
        labels.countries.get(code, code),
        labels.sectors.get(location.sector, ""),
        labels.types.get(location.processing_type, ""),
        _band(location),
        location.parent_company,
        location.os_hub_id,
    ]


def _location_headers(language: str) -> Row:
    keys = ("name", "address", "city", "postal_code", "country", "sector", "processing_type", "workers")
    return [
        _("Public ID"),
        *(_header(key, language) for key in keys),
        _header("parent_company", language),
        _header("osh_id", language),
    ]


def _osh_cells(location: ProductionLocation, labels: Labels, product_type: str = "") -> Row:
    """The Open Supply Hub contribution row: country as its ISO code, labels in English."""
    return [
        location.country.code,
        location.name,
        ", ".join(part for part in (location.address, location.postal_code, location.city) if part),
        labels.sectors.get(location.sector, ""),
        product_type,
        "",
        labels.types.get(location.processing_type, ""),
        _band(location),
        location.parent_company,
    ]


# --- the aggregated public list ---------------------------------------------------------------------


def _public_locations(flt: selectors.PublicFilter) -> Iterator[ProductionLocation]:
    """The listed locations in list order with their counts and public links, fetched per chunk."""
    ids = selectors.public_location_list(flt).values_list("pk", flat=True)
    batch: list[int] = []
    for pk in ids.iterator(chunk_size=CHUNK_SIZE):
        batch.append(pk)
        if len(batch) == CHUNK_SIZE:
            yield from selectors.public_location_rows(flt, batch)
            batch = []
    if batch:
        yield from selectors.public_location_rows(flt, batch)


def public_rows(flt: selectors.PublicFilter, fmt: str, language: str) -> Iterator[Row]:
    """The header and then one row per listed location. The member count is given only from the
    threshold on; below it the cell says "fewer than N". Only companies that allowed it are named.
    Locations that their covenant lists only as a count are not in the export, as on the page."""
    labels = _labels(fmt)
    threshold = selectors.count_threshold()
    fewer = _("fewer than %(n)s") % {"n": threshold}
    if fmt == "osh":
        yield list(OSH_COLUMNS)
    else:
        yield [*_location_headers(language), _("Member companies"), _("Named companies")]
    for location in _public_locations(flt):
        if fmt == "osh":
            yield _osh_cells(location, labels)
            continue
        count: int = getattr(location, "company_count", 0)
        named = ", ".join(sorted({link.company.name for link in getattr(location, "public_links", [])}))
        yield [*_location_cells(location, labels), count if count >= threshold else fewer, named]


def public_aggregate_rows(flt: selectors.PublicFilter) -> Iterator[Row]:
    """The single-buyer locations of covenants that list them only as a count, as on the page: a
    number per country, city and processing type, never a name."""
    labels = _labels("xlsx")
    yield [_("Country"), _("City"), _("Processing type"), _("Locations")]
    for row in selectors.public_location_aggregates(flt):
        code = row["country"]
        yield [labels.countries.get(code, code), row["city"], labels.types.get(row["processing_type"], ""),
               row["locations"]]  # fmt: skip


# --- a company's own locations -----------------------------------------------------------------------


def company_links(company_id: int) -> Iterator[SupplyLink]:
    """The company's own links with their locations and covenants, by location name."""
    return (
        SupplyLink.objects.filter(company_id=company_id)
        .select_related("location", "covenant")
        .order_by("location__name_key", "location_id", "covenant_id")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def company_rows(company_id: int, fmt: str, language: str) -> Iterator[Row]:
    """The header and one row per link of the company: the location, the covenant, the tier, the
    product categories (their codes, as the upload reads them) and the years of sourcing."""
    labels = _labels(fmt)
    if fmt == "osh":
        yield list(OSH_COLUMNS)
    else:
        yield [
            *_location_headers(language),
            _("Covenant"),
            *(
                _header(key, language)
                for key in ("tier", "product_categories", "first_year", "last_year", "show_publicly")
            ),
        ]
    yes, no = _("yes"), _("no")
    for link in company_links(company_id):
        categories = "; ".join(link.product_categories or [])
        if fmt == "osh":
            yield _osh_cells(link.location, labels, product_type=categories)
            continue
        yield [
            *_location_cells(link.location, labels),
            link.covenant.name,
            link.tier,
            categories,
            link.first_year,
            link.last_year,
            yes if link.show_publicly else no,
        ]


# --- writers -----------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the text, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterable[Row]) -> Iterator[bytes]:
    """The rows as UTF-8 CSV with a byte order mark, every cell made safe; one piece per row."""
    writer = csv.writer(_Echo())
    yield BOM.encode("utf-8")
    for row in rows:
        yield writer.writerow([safe_text(cell) for cell in row]).encode("utf-8")


def xlsx_file(rows: Iterable[Row], title: str, *more: tuple[str, Iterable[Row]]) -> IO[bytes]:
    """The rows in a write-only workbook (bounded memory), in a temporary file read from the start;
    ``more`` are further sheets as (title, rows)."""
    book = Workbook(write_only=True)
    for name, sheet_rows in ((title, rows), *more):
        sheet = book.create_sheet(title=name[:31])
        for row in sheet_rows:
            sheet.append([safe_cell("" if cell is None else cell) for cell in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (returned open: the response closes it)
    book.save(handle)
    handle.seek(0)
    return handle
