"""One content check for every uploaded file (portal/uploads.py): minutes, evidence, and what comes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from covenants.services.governance import _store_minutes
from portal.uploads import checked_suffix, display_name

TYPES = {"application/pdf": ".pdf", "text/plain": ".txt"}


def check(data: bytes, name: str = "file.txt", max_bytes: int = 1000) -> str:
    upload = SimpleUploadedFile(name, data, content_type="text/plain")
    return checked_suffix(
        upload, allowed=TYPES, max_bytes=max_bytes, field="file", too_large="too large", wrong_type="wrong"
    )


def test_the_suffix_comes_from_the_content_not_the_name():
    assert check(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", name="minutes.txt") == ".pdf"
    assert check(b"Minutes of the meeting.\n", name="minutes.pdf") == ".txt"


@pytest.mark.parametrize(
    ("data", "max_bytes", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 1000, "wrong"),  # not an allowed type
        (b"plain words\x00\x01\x02 with NUL bytes", 1000, "wrong"),  # binary that looks like text
        (b"x" * 2000, 1000, "too large"),
    ],
)
def test_a_refused_file_gets_its_message_at_the_field(data, max_bytes, message):
    with pytest.raises(ValidationError) as excinfo:
        check(data, max_bytes=max_bytes)
    assert excinfo.value.message_dict == {"file": [message]}


def test_the_shown_name_keeps_the_senders_stem_with_the_detected_suffix():
    upload = SimpleUploadedFile("Notulen mei.docx", b"x")
    assert display_name(upload, ".pdf", "minutes") == "Notulen mei.pdf"


@pytest.mark.django_db
def test_minutes_refuse_binary_named_as_text_like_evidence_does():
    from tests.covenants.factories import MeetingFactory

    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as excinfo:
        _store_minutes(meeting, SimpleUploadedFile("minutes.txt", b"text\x00\x00binary"))
    assert "minutes" in excinfo.value.message_dict
