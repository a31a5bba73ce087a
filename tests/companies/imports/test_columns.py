"""The column template: English, Dutch and Open Supply Hub headers, missing columns, the blank template."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from companies.imports.choices import normalise_word
from companies.imports.columns import (
    COLUMNS,
    OSH_COLUMNS,
    map_columns,
    write_template_csv,
    write_template_xlsx,
)
from companies.imports.read import TableFileError, open_table
from companies.imports.rows import LocationRow, parse_locations
from tests.companies.imports.files import HEADER_EN, HEADER_NL, csv_text, xlsx_bytes

ROW_NL = ["Textielfabriek Twente", "Fabrieksweg 1", "Enschede", "7500 AA", "Nederland", "1", "40"]


def test_english_headers_find_their_columns() -> None:
    assert map_columns(HEADER_EN).index == {
        "name": 0,
        "address": 1,
        "city": 2,
        "postal_code": 3,
        "country": 4,
        "tier": 5,
        "workers": 6,
    }


def test_dutch_headers_find_the_same_columns() -> None:
    assert map_columns(HEADER_NL).index == map_columns(HEADER_EN).index


def test_case_spaces_and_punctuation_do_not_count() -> None:
    columns = map_columns(
        ["  NAAM ", "adres", "LAND", "Postal-Code", "open supply hub id", "Productcategorieen"]
    )
    assert set(columns.index) == {"name", "address", "country", "postal_code", "osh_id", "product_categories"}


def test_open_supply_hub_format_is_recognised() -> None:
    columns = map_columns(list(OSH_COLUMNS))
    assert columns.osh_format
    assert columns.index["product_categories"] == OSH_COLUMNS.index("product_type")
    assert columns.index["workers"] == OSH_COLUMNS.index("number_of_workers")
    assert columns.index["facility_type"] == OSH_COLUMNS.index("facility_type")
    assert not map_columns(HEADER_EN).osh_format


def test_unknown_headers_are_listed_as_ignored() -> None:
    assert map_columns([*HEADER_EN, "Remarks"]).ignored == ("Remarks",)


def test_missing_required_columns_are_named() -> None:
    with translation.override("en"), pytest.raises(TableFileError) as caught:
        map_columns(["City", "Address"])
    assert caught.value.messages[0].startswith("These required columns are missing: Name, Country.")


def test_missing_columns_are_named_in_dutch_for_a_dutch_user() -> None:
    with translation.override("nl"), pytest.raises(TableFileError) as caught:
        map_columns(["Plaats"])
    assert "Naam, Adres, Land" in caught.value.messages[0]


def test_a_column_given_twice_is_refused() -> None:
    with pytest.raises(TableFileError) as caught:
        map_columns([*HEADER_EN, "Naam"])
    assert caught.value.code == "duplicate_column"


def test_no_accepted_header_belongs_to_two_columns() -> None:
    owners: dict[str, str] = {}
    for column in COLUMNS:
        for word in column.accepted():
            assert owners.setdefault(word, column.key) == column.key, word
    assert normalise_word("Productcategorieën") in owners


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_csv_template_reads_back_with_every_column(language: str) -> None:
    text = io.StringIO(newline="")
    write_template_csv(text, language)
    table = open_table(io.BytesIO(text.getvalue().encode("utf-8")))
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == (";" if language == "nl" else ",")
    assert len(map_columns(table.header).index) == len([c for c in COLUMNS if c.in_template])
    assert ("Naam" in table.header) == (language == "nl")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_xlsx_template_has_the_columns_and_a_sheet_of_instructions(language: str) -> None:
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    write_template_xlsx(buffer, language)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    assert len(workbook.sheetnames) == 2
    guide = [row for row in workbook.worksheets[1].iter_rows(values_only=True) if any(row)]
    names = {row[0] for row in guide}
    assert "Country" in names or "Land" in names
    assert any(row[0] in {"Country", "Land"} and row[1] for row in guide)
    table = open_table(io.BytesIO(buffer.getvalue()))  # the upload reads the first sheet only
    assert table.kind == "xlsx"
    assert len(map_columns(table.header).index) == len([c for c in COLUMNS if c.in_template])
    assert list(table.rows) == []


def test_an_open_supply_hub_file_is_validated() -> None:
    rows = [
        list(OSH_COLUMNS),
        ["China", "Dongguan Garment Co.", "1 Industrial Rd", "Apparel", "Jackets|Shirts", "Final Product Assembly", "", "1001-5000", "Group X"],
    ]  # fmt: skip
    _table, columns, parsed = parse_locations(io.BytesIO(csv_text(rows).encode()))
    (row,) = list(parsed)
    assert columns.osh_format
    assert isinstance(row, LocationRow)
    assert (row.country, row.sector, row.processing_type) == ("CN", "garments_textile", "cut_make_trim")
    assert row.product_categories == ("Jackets", "Shirts")
    assert (row.worker_band, row.parent_company) == ("1001-5000", "Group X")


def test_a_title_above_the_column_names_is_skipped_in_csv() -> None:
    text = "Supplier list 2025;;;\r\n\r\nCompany: Example BV;;;\r\n" + csv_text([HEADER_NL, ROW_NL], ";")
    table, columns, parsed = parse_locations(io.BytesIO(text.encode()))
    assert (table.header_line, table.delimiter) == (4, ";")
    assert [row.line for row in parsed] == [5]
    assert columns.index["name"] == 0


def test_a_title_above_the_column_names_is_skipped_in_xlsx() -> None:
    data = xlsx_bytes([["Production locations 2025"], [], HEADER_EN, ROW_NL])
    table, _columns, parsed = parse_locations(io.BytesIO(data))
    rows = list(parsed)
    assert table.header_line == 3
    assert [(row.line, getattr(row, "country", "")) for row in rows] == [(4, "NL")]


def test_without_column_names_in_the_first_rows_the_missing_columns_are_named() -> None:
    text = csv_text([["Supplier list"]] + [["x", "y"]] * 12)
    with pytest.raises(TableFileError) as caught:
        parse_locations(io.BytesIO(text.encode()))
    assert caught.value.code == "missing_columns"
