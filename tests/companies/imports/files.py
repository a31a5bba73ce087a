"""Small files built in the tests: spreadsheets written with openpyxl or by hand (ODS)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

HEADER_EN = ["Name", "Address", "City", "Postal code", "Country", "Tier", "Number of workers"]
HEADER_NL = ["Naam", "Adres", "Plaats", "Postcode", "Land", "Tier", "Aantal werknemers"]
ROW_A = ["Rahman Knitwear Ltd", "Plot 12, BSCIC", "Gazipur", "1700", "Bangladesh", "1", "850"]
ROW_B = ["Ege Tekstil A.Ş.", "Organize Sanayi 4", "İzmir", "35620", "TR", "2", "120"]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    def cell(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(value) for value in row) + "\r\n" for row in rows)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet: the mimetype entry first and stored, then content.xml."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
            for value in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def xlsx_bomb(unpacked_mb: int = 40) -> bytes:
    """A real XLSX whose first sheet's XML is padded with blanks: ``unpacked_mb`` MB that deflate to
    a few dozen kilobytes, as a zip bomb does."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Name", "Address", "Country"], ["A", "B", "NL"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (unpacked_mb * 1024 * 1024), 1)
            archive.writestr(entry.filename, data, zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


# An 8-byte PNG signature and the start of a real IHDR chunk: what a picture saved as .csv starts with.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    + bytes(range(256)) * 4
)
