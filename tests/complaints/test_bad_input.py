"""Bad input on the complaint form and the case file: a clear error at the field, nothing typed lost,
never a 500; uploads checked by their content."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from complaints import receipt, services
from complaints.models import Complaint
from complaints.permissions import ReceiptHolder
from complaints.uploads import MAX_DOCUMENT_BYTES, check_document

from .helpers import Cast

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english():
    cache.clear()
    translation.activate("en")
    yield
    translation.activate("en")


def _post(cast: Cast, **fields: object) -> tuple[int, str]:
    client = Client()
    page = client.get(reverse("complaints:file")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = {"token": token, "covenant": cast.covenant.pk, "filer": "worker", "subject": "company",
            "company": cast.company.pk, "what_happened": "Wages withheld.", **fields}  # fmt: skip
    response = client.post(reverse("complaints:file"), data)
    return response.status_code, response.content.decode()


def test_one_megabyte_of_text_is_refused_at_its_field_and_kept():
    cast = Cast()
    status, html = _post(cast, what_happened="x" * 1_000_000)
    assert status == 400 and "Ensure this value has at most" in html and "xxxxxxxx" in html
    assert Complaint.objects.count() == 1


def test_ten_thousand_lines_rtl_and_emoji_are_stored_and_shown_escaped():
    cast = Cast()
    text = "\n".join(["سطر ✊🏽 <b>bold</b>"] * 900)  # 900 lines within the length limit
    status, _html = _post(cast, what_happened=text)
    assert status == 200
    client = Client()
    client.force_login(cast.secretariat)
    stored = Complaint.objects.exclude(pk=cast.complaint.pk).get()
    case = client.get(reverse("complaints:case", kwargs={"reference": stored.reference})).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in case and "<b>bold</b>" not in case
    stored = Complaint.objects.exclude(pk=cast.complaint.pk).get()
    assert stored.what_happened.count("\n") == 899
    many = "\n".join("l" for _ in range(10_000))
    status, _html = _post(cast, what_happened=many)
    assert status == 200


@pytest.mark.parametrize(
    ("value", "message"), [("0001-01-01", "after"), ("9999-12-31", "future"), ("31-02-2026", "valid date")]
)
def test_dates_out_of_range_are_refused_clearly(value, message):
    cast = Cast()
    status, html = _post(cast, happened_on=value)
    assert status == 400 and message in html


@pytest.mark.parametrize(
    "code", ["123", "1234 5678 9012 34567", "abcd efgh ijkl mnop", "1234 5678 9012 3456"]
)
def test_a_malformed_receipt_code_is_refused_without_a_lookup(code):
    assert receipt.normalise(code) is None
    response = Client().post(reverse("complaints:return"), {"code": code})
    assert response.status_code == 400 and "16 digits" in response.content.decode()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (120 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "cannot be accepted"),
        ("empty.pdf", b"", "empty"),
        ("big.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "larger than 10 MB"),
    ],
)
def test_uploads_are_checked_by_their_content(name, content, message):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as exc:
        check_document(upload)
    assert message in " ".join(exc.value.messages)


def test_a_zip_bomb_office_file_is_refused():
    from portal.uploads import inflates_safely

    upload = SimpleUploadedFile("report.docx", _zip_bomb())
    assert not inflates_safely(upload)


def test_an_accepted_document_is_stored_privately_and_served_as_an_attachment():
    cast = Cast()
    (document,) = services.document_add(
        actor=cast.secretariat,
        complaint_id=cast.complaint.pk,
        uploads=[SimpleUploadedFile("statement.pdf", PDF)],
    )
    assert document.content_type == "application/pdf" and "statement" not in document.file.name
    client = Client()
    client.force_login(cast.secretariat)
    response = client.get(
        reverse("complaints:document", kwargs={"reference": cast.complaint.reference, "pk": document.pk})
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    other = Client()
    other.force_login(cast.company_user)
    assert other.get(response.request["PATH_INFO"]).status_code == 404


def _jpeg_with_exif() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x013B] = "Rahima Begum"  # Artist
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _pdf_with_author() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Rahima Begum", "/Creator": "Rahima's phone"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx_with_author() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr(
            "docProps/core.xml",
            "<cp:coreProperties><dc:creator>Rahima Begum</dc:creator></cp:coreProperties>",
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make"), [("photo.jpg", _jpeg_with_exif), ("statement.pdf", _pdf_with_author)]
)
def test_the_complainants_files_lose_their_author_metadata(name, make):
    cast = Cast(anonymous=True)
    holder = ReceiptHolder(cast.complaint.pk)
    original = make()
    assert b"Rahima Begum" in original
    (document,) = services.document_add(
        actor=holder, complaint_id=cast.complaint.pk, uploads=[SimpleUploadedFile(name, original)]
    )
    with document.file.open("rb") as handle:
        stored = handle.read()
    assert b"Rahima" not in stored and len(stored) > 100


def test_an_office_files_author_is_removed():
    from complaints.scrub import scrubbed

    clean = scrubbed(SimpleUploadedFile("s.docx", _docx_with_author()), ".docx").read()
    assert b"Rahima" not in zipfile.ZipFile(io.BytesIO(clean)).read("docProps/core.xml")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_api_refuses_the_same_dates_as_the_form(day):
    cast = Cast()
    response = Client().post(
        reverse("api:complaints-file"),
        {"token": f"api-{day}", "covenant": cast.covenant.slug, "filer": "worker", "company": cast.company.pk,
         "what_happened": "Wages withheld.", "happened_on": day},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400 and "happened_on" in response.json()
