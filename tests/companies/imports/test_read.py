"""Reading uploaded location lists: file kinds by content, encodings, delimiters, limits and broken rows."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from django.utils import translation

from companies.imports.read import TableFileError, open_table
from tests.companies.imports.files import (
    HEADER_EN,
    PNG,
    ROW_A,
    ROW_B,
    csv_text,
    ods_bytes,
    xlsx_bomb,
    xlsx_bytes,
)


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    table = open_table(io.BytesIO(data))
    return table.header, [raw.cells for raw in table.rows]


def _refusal(data: bytes) -> str:
    with pytest.raises(TableFileError) as caught:
        table = open_table(io.BytesIO(data))
        list(table.rows)
    return caught.value.messages[0]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # Python writes the byte order mark first
        ("utf-16-le", "utf-16-le"),  # no BOM: recognised by its zero bytes
        ("cp1252", "cp1252"),
    ],
)
def test_every_encoding_reads_the_same_cells(encoding: str, expected: str) -> None:
    row = ["Café Textil Ltda", "Rua São João 5", "Porto", "4000", "Portugal", "1", "80"]
    data = csv_text([HEADER_EN, row]).encode(encoding)
    table = open_table(io.BytesIO(data))
    assert table.encoding == expected
    assert table.header == HEADER_EN  # no BOM left in the first header
    assert [raw.cells for raw in table.rows] == [row]


def test_turkish_letters_survive_utf8() -> None:
    assert _rows(csv_text([HEADER_EN, ROW_B]).encode("utf-8"))[1] == [ROW_B]


def test_bytes_no_encoding_can_read_are_refused() -> None:
    # 0x81 and 0x8D are invalid UTF-8 and undefined in cp1252.
    data = csv_text([HEADER_EN]).encode() + b"Fabriek \x81\x8d,Straat,Plaats,1,NL,1,5\r\n"
    assert _refusal(data) == "The file is not in a known text encoding: save it as UTF-8 CSV."


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_found_from_the_header(delimiter: str) -> None:
    table = open_table(io.BytesIO(csv_text([HEADER_EN, ROW_A, ROW_B], delimiter).encode()))
    assert table.delimiter == delimiter
    assert [raw.cells for raw in table.rows] == [ROW_A, ROW_B]  # "Plot 12, BSCIC" stays one cell


def test_excels_separator_hint_line_is_followed() -> None:
    text = "sep=;\r\n" + csv_text([HEADER_EN, ROW_A], ";")
    table = open_table(io.BytesIO(text.encode()))
    assert (table.delimiter, table.header_line, table.header) == (";", 2, HEADER_EN)
    assert [raw.cells for raw in table.rows] == [ROW_A]


def test_a_long_file_of_chinese_names_is_text() -> None:
    row = ["东莞服装有限公司", "东莞市工业路1号", "东莞", "523000", "CN", "1", "300"]
    table = open_table(io.BytesIO(csv_text([HEADER_EN] + [row] * 500).encode()))
    assert table.encoding == "utf-8"
    assert sum(1 for _raw in table.rows) == 500


def test_xlsx_is_read_by_content_with_numbers_as_people_see_them() -> None:
    header, rows = _rows(xlsx_bytes([HEADER_EN, ["Rahman", "Plot 12", "Gazipur", 1700, "BD", 1, 850.0]]))
    assert header == HEADER_EN
    assert rows == [["Rahman", "Plot 12", "Gazipur", "1700", "BD", "1", "850"]]


def test_ods_is_read() -> None:
    table = open_table(io.BytesIO(ods_bytes([HEADER_EN, ROW_A])))
    assert table.kind == "ods"
    assert [raw.cells for raw in table.rows] == [ROW_A]


def test_blank_rows_are_skipped_and_lines_are_the_sheet_rows() -> None:
    table = open_table(io.BytesIO(xlsx_bytes([HEADER_EN, ROW_A, [], ROW_B])))
    assert [raw.line for raw in table.rows] == [2, 4]


def test_a_picture_named_csv_is_not_a_table() -> None:
    assert _refusal(PNG) == "This file is not a table: upload a CSV or XLSX file."


def test_a_zip_that_is_no_spreadsheet_is_not_a_table() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _refusal(buffer.getvalue()) == "This file is not a table: upload a CSV or XLSX file."


def test_an_old_binary_excel_file_is_not_a_table() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + bytes(range(256)) * 8
    assert _refusal(ole) == "This file is not a table: upload a CSV or XLSX file."


def test_a_zip_whose_directory_understates_the_sizes_is_refused() -> None:
    import zipfile

    bomb = bytearray(xlsx_bomb(20))
    archive = zipfile.ZipFile(io.BytesIO(bytes(bomb)))
    entry = archive.getinfo("xl/worksheets/sheet1.xml")
    assert entry.file_size > 20 * 1024 * 1024
    # Claim 1,000 bytes in the local header and in the central directory, as a crafted bomb does.
    claimed = (1000).to_bytes(4, "little")
    bomb[entry.header_offset + 22 : entry.header_offset + 26] = claimed
    position = bomb.find(b"PK\x01\x02")
    while position != -1:
        length = int.from_bytes(bomb[position + 28 : position + 30], "little")
        if bytes(bomb[position + 46 : position + 46 + length]) == entry.filename.encode():
            bomb[position + 24 : position + 28] = claimed
        position = bomb.find(b"PK\x01\x02", position + 4)
    assert zipfile.ZipFile(io.BytesIO(bytes(bomb))).getinfo(entry.filename).file_size == 1000
    assert _refusal(bytes(bomb)) == "The spreadsheet is damaged: save it again as XLSX, or upload it as CSV."


def test_the_refusal_is_translated() -> None:
    with translation.override("nl"), pytest.raises(TableFileError) as caught:
        open_table(io.BytesIO(PNG))
    assert caught.value.code == "not_a_table"


@override_settings(PORTAL_LOCATION_UPLOAD_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused() -> None:
    data = csv_text([HEADER_EN] + [ROW_A] * 20_000).encode()
    assert len(data) > 1024 * 1024
    message = _refusal(data)
    assert message.startswith("The file is too large (")
    assert "at most 1 MB" in message


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = xlsx_bomb(40)
    assert len(bomb) < 200_000  # small on disk, 40 MB inside
    assert _refusal(bomb).startswith("The spreadsheet unpacks to far more data")


@override_settings(PORTAL_LOCATION_UPLOAD_MAX_UNZIPPED_BYTES=2 * 1024 * 1024)
def test_a_spreadsheet_over_the_unpacked_limit_is_refused() -> None:
    assert _refusal(xlsx_bomb(3)).startswith("The spreadsheet unpacks to far more data")


def test_an_empty_file_is_refused() -> None:
    assert _refusal(b"") == "The file is empty."
    assert _refusal(b"\r\n\r\n") == "The file holds no rows."


@override_settings(PORTAL_LOCATION_UPLOAD_MAX_ROWS=3)
def test_more_rows_than_the_limit_stop_the_file() -> None:
    assert _refusal(csv_text([HEADER_EN] + [ROW_A] * 4).encode()).startswith("The file has more than 3 rows")
    assert len(_rows(csv_text([HEADER_EN] + [ROW_A] * 3).encode())[1]) == 3


def test_an_unclosed_quote_rejects_its_row_and_keeps_the_rows_after_it() -> None:
    text = csv_text([HEADER_EN, ROW_A]) + '"Broken Mill,Road 1,Dhaka,1,BD,1,5\r\n' + csv_text([ROW_B] * 10)
    rows = list(open_table(io.BytesIO(text.encode())).rows)
    assert [(raw.line, raw.problem) for raw in rows[:2]] == [
        (2, None),
        (3, "A quote is opened and never closed."),
    ]
    assert rows[1].cells == ['"Broken Mill,Road 1,Dhaka,1,BD,1,5']
    assert [raw.cells for raw in rows[2:]] == [ROW_B] * 10
    assert [raw.line for raw in rows[2:]] == list(range(4, 14))


def test_a_quote_inside_a_plain_cell_is_kept() -> None:
    text = csv_text([HEADER_EN]) + '12" Pipes Co,Road 1,Dhaka,1,BD,1,5\r\n' + csv_text([ROW_B])
    rows = list(open_table(io.BytesIO(text.encode())).rows)
    assert [raw.cells[0] for raw in rows] == ['12" Pipes Co', ROW_B[0]]


def test_a_quoted_cell_may_hold_a_line_break() -> None:
    row = ["Mill", "Road 1\nBlock B", "Dhaka", "1", "BD", "1", "5"]
    rows = list(open_table(io.BytesIO(csv_text([HEADER_EN, row, ROW_A]).encode())).rows)
    assert [(raw.line, raw.cells) for raw in rows] == [(2, row), (4, ROW_A)]


def test_wrong_cell_counts_and_bad_quoting_are_rejected_rows() -> None:
    text = csv_text([HEADER_EN]) + "Only,three,cells\r\n" + 'Mill,"Road" 1,x,1,BD,1,5\r\n' + csv_text([ROW_A])
    rows = list(open_table(io.BytesIO(text.encode())).rows)
    assert rows[0].problem == "This row has 3 cells where the header has 7."
    assert rows[1].problem == "The quotes in this row do not match."
    assert rows[2].problem is None and rows[2].cells == ROW_A


def test_trailing_empty_cells_are_not_a_broken_row() -> None:
    text = csv_text([HEADER_EN, [*ROW_A, "", ""]])
    assert text.endswith(",850,,\r\n")
    assert _rows(text.encode())[1] == [ROW_A]


def test_the_callers_file_stays_open() -> None:
    stream = io.BytesIO(csv_text([HEADER_EN, ROW_A]).encode())
    list(open_table(stream).rows)
    assert not stream.closed
