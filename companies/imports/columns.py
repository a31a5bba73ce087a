"""The column template of a location list: our own columns in English or Dutch, and the Open
Supply Hub contribution format (``country, name, address, sector, product_type, facility_type,
processing_type, number_of_workers, parent_company``).

Headers are matched after ``normalise_word`` (case, accents, spaces and punctuation do not count),
so "Postal code", "postal_code" and "POSTCODE" all find the postal code column. The blank template
can be written as CSV or as XLSX (openpyxl) with a second sheet of instructions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import IO

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.imports.choices import PROCESSING_TYPES, SECTORS, WORKER_BANDS, normalise_word
from companies.imports.read import TableFileError

LANGUAGES = ("en", "nl")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    en: str
    nl: str
    help: Promise
    required: bool = False
    aliases: str = ""  # more accepted headers, "|"-separated
    in_template: bool = True

    def header(self, language: str) -> str:
        return self.nl if language.startswith("nl") else self.en

    def accepted(self) -> set[str]:
        words = [self.key, self.en, self.nl, *self.aliases.split("|")]
        return {normalise_word(word) for word in words if word}


COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Name",
        "Naam",
        gettext_lazy("The name of the production location."),
        True,
        "facility name|factory name|location name|locatienaam|naam locatie|naam fabriek|supplier name",
    ),
    Column(
        "address",
        "Address",
        "Adres",
        gettext_lazy("Street and number."),
        True,
        "street address|facility address|straat|straat en huisnummer|adresregel",
    ),
    Column("city", "City", "Plaats", gettext_lazy("City or town."), False, "town|stad|woonplaats|plaatsnaam"),
    Column(
        "postal_code",
        "Postal code",
        "Postcode",
        gettext_lazy("Postal code, if the country uses one."),
        False,
        "zip|zip code|postal|postcode",
    ),
    Column(
        "country",
        "Country",
        "Land",
        gettext_lazy("The country's name in English or Dutch, or its two- or three-letter ISO code."),
        True,
        "country code|country name|landcode|landnaam",
    ),
    Column(
        "latitude",
        "Latitude",
        "Breedtegraad",
        gettext_lazy("Optional: decimal degrees between -90 and 90."),
        False,
        "lat",
    ),
    Column(
        "longitude",
        "Longitude",
        "Lengtegraad",
        gettext_lazy("Optional: decimal degrees between -180 and 180."),
        False,
        "lng|lon|long",
    ),
    Column(
        "sector",
        "Sector",
        "Sector",
        gettext_lazy("The sector, for example garments."),
        False,
        "industry|branche",
    ),
    Column(
        "processing_type",
        "Processing type",
        "Type verwerking",
        gettext_lazy("What the location does, for example cut-make-trim, printing, dyeing or spinning."),
        False,
        "processing|bewerking|type bewerking|verwerkingstype|type of processing",
    ),
    Column(
        "facility_type",
        "Facility type",
        "Type locatie",
        gettext_lazy("Open Supply Hub's facility type; used when the processing type is empty."),
        False,
        "type locatie|location type",
        in_template=False,
    ),
    Column(
        "workers",
        "Number of workers",
        "Aantal werknemers",
        gettext_lazy("A number, or a band: 1-100, 101-500, 501-1000, 1001-5000 or more than 5000."),
        False,
        "workers|worker band|number_of_workers|werknemers|aantal medewerkers|employees|medewerkers",
    ),
    Column(
        "parent_company",
        "Parent company",
        "Moederbedrijf",
        gettext_lazy("The group it belongs to, if any."),
        False,
        "moedermaatschappij|parent|group",
    ),
    Column(
        "osh_id",
        "Open Supply Hub ID",
        "Open Supply Hub-ID",
        gettext_lazy("Optional: the location's ID in Open Supply Hub, for example CN2019303BQ3FZP."),
        False,
        "os id|osid|os_id|open supply hub|osh id",
    ),
    Column(
        "tier",
        "Tier",
        "Schakel",
        gettext_lazy("1, 2 or 3 (3 stands for tier 3 and further; 3+ is accepted)."),
        False,
        "niveau|supplier tier|ketenschakel",
    ),
    Column(
        "product_categories",
        "Product categories",
        "Productcategorieën",
        gettext_lazy("One or more, separated by a semicolon or a vertical bar."),
        False,
        "product_type|product type|product types|products|producten|productcategorie|product category",
    ),
    Column(
        "first_year",
        "First year",
        "Eerste jaar",
        gettext_lazy("The first year you sourced here, for example 2019."),
        False,
        "since|sourcing since|vanaf|sinds",
    ),
    Column(
        "last_year",
        "Last year",
        "Laatste jaar",
        gettext_lazy("The last year you sourced here; leave empty if you still do."),
        False,
        "until|tot|tot en met",
    ),
    Column(
        "show_publicly",
        "Show publicly",
        "Openbaar tonen",
        gettext_lazy("Yes if your company may be named at this location in the public list; empty means no."),
        False,
        "public|publish|openbaar|publiceren|tonen",
    ),
)

BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
OSH_COLUMNS: tuple[str, ...] = (
    "country", "name", "address", "sector", "product_type", "facility_type", "processing_type",
    "number_of_workers", "parent_company",
)  # fmt: skip

_LOOKUP: dict[str, str] = {word: column.key for column in COLUMNS for word in column.accepted()}


@dataclass(frozen=True)
class ColumnMap:
    """Which cell of a row holds which column; ``ignored`` are headers we do not know."""

    index: dict[str, int]
    ignored: tuple[str, ...]
    osh_format: bool

    def get(self, cells: list[str], key: str) -> str:
        position = self.index.get(key)
        if position is None or position >= len(cells):
            return ""
        return cells[position]


def _label(key: str) -> str:
    return BY_KEY[key].header(translation.get_language() or "en")


REQUIRED_KEYS = frozenset(column.key for column in COLUMNS if column.required)


def has_required_columns(cells: list[str]) -> bool:
    """Whether a row names every required column: the test for the header row below a title."""
    return {_LOOKUP.get(normalise_word(cell)) for cell in cells} >= REQUIRED_KEYS


def map_columns(header: list[str]) -> ColumnMap:
    """Match the header cells to our columns; missing required or repeated columns refuse the file."""
    index: dict[str, int] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        key = _LOOKUP.get(normalise_word(cell))
        if key is None:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        if key in index:
            raise TableFileError(
                _("The column “%(column)s” appears more than once: keep one.") % {"column": cell.strip()},
                code="duplicate_column",
            )
        index[key] = position
    missing = [_label(column.key) for column in COLUMNS if column.required and column.key not in index]
    if missing:
        raise TableFileError(
            _(
                "These required columns are missing: %(columns)s. The first row must hold the column "
                "names; download the template to see them."
            )
            % {"columns": ", ".join(missing)},
            code="missing_columns",
        )
    # Our own template has no product or facility type column; the Open Supply Hub format has both.
    osh = bool({normalise_word(cell) for cell in header} & {"producttype", "facilitytype"})
    return ColumnMap(index=index, ignored=tuple(ignored), osh_format=osh)


# --- the blank template -----------------------------------------------------------------------------


def template_headers(language: str, *, osh: bool = False) -> list[str]:
    """The header row of the blank template in ``language`` ("en" or "nl"), or the Open Supply Hub one."""
    if osh:
        return list(OSH_COLUMNS)
    return [column.header(language) for column in COLUMNS if column.in_template]


def instructions(language: str) -> list[list[str]]:
    """The instruction rows (column, required, what to enter), translated into ``language``."""
    with translation.override(language):
        rows = [[_("Column"), _("Required"), _("What to enter")]]
        for column in COLUMNS:
            if column.in_template:
                rows.append(
                    [column.header(language), _("Yes") if column.required else _("No"), str(column.help)]
                )
        rows.append([])
        rows.append([_("Accepted sectors"), "", ", ".join(str(label) for _code, label in SECTORS)])
        rows.append(
            [_("Accepted processing types"), "", ", ".join(str(label) for _code, label in PROCESSING_TYPES)]
        )
        rows.append([_("Worker bands"), "", ", ".join(code for code, *_rest in WORKER_BANDS)])
        rows.append(
            [
                _("Also accepted"),
                "",
                _("The Open Supply Hub contribution format, with the columns: %(columns)s.")
                % {"columns": ", ".join(OSH_COLUMNS)},
            ]
        )
    return rows


def write_template_csv(stream: IO[str], language: str) -> None:
    """The blank CSV template: a BOM (so Excel reads UTF-8) and the header row. Dutch uses a
    semicolon, as Dutch Excel does; the instructions are in the XLSX template."""
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";" if language.startswith("nl") else ",", lineterminator="\r\n")
    writer.writerow(template_headers(language))


def write_template_xlsx(stream: IO[bytes], language: str) -> None:
    """The blank XLSX template: the header row on the first sheet, the instructions on the second."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        sheet_names = (_("Locations"), _("Instructions"))
    workbook = Workbook()
    locations = workbook.active
    assert locations is not None
    locations.title = sheet_names[0]
    locations.append(template_headers(language))
    for cell in locations[1]:
        cell.font = Font(bold=True)
    locations.freeze_panes = "A2"
    guide = workbook.create_sheet(sheet_names[1])
    for row in instructions(language):
        guide.append(row)
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["C"].width = 90
    workbook.save(stream)
