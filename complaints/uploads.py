"""Documents in a case: which kinds are accepted (by content, never by name), and how large."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal.uploads import checked_suffix, inflates_safely

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: Files one filing or one message may carry.
MAX_FILES = 5
DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}
ZIP_BASED = frozenset({".odt", ".docx"})
CONTENT_TYPES = {suffix: content_type for content_type, suffix in DOCUMENT_TYPES.items()}


def check_document(upload: UploadedFile, field: str = "attachments") -> str:
    """The stored suffix of an acceptable document, or a ValidationError at `field` that says why."""
    if not upload.size:
        raise ValidationError({field: _("The file “%(name)s” is empty.") % {"name": upload.name}})
    suffix = checked_suffix(
        upload,
        allowed=DOCUMENT_TYPES,
        max_bytes=MAX_DOCUMENT_BYTES,
        field=field,
        too_large=_("The file “%(name)s” is larger than 10 MB.") % {"name": upload.name},
        wrong_type=_(
            "The file “%(name)s” cannot be accepted. Send PDF, PNG or JPEG images, ODT, DOCX or plain text."
        )
        % {"name": upload.name},
    )
    if suffix in ZIP_BASED and not inflates_safely(upload):
        raise ValidationError(
            {
                field: _("The file “%(name)s” is damaged or unpacks to far too much data.")
                % {"name": upload.name}
            }
        )
    return suffix


def check_documents(uploads: list[Any], field: str = "attachments") -> list[tuple[Any, str]]:
    """Each upload with its suffix; every refusal is reported at once."""
    if len(uploads) > MAX_FILES:
        raise ValidationError({field: _("Add at most %(count)s files at a time.") % {"count": MAX_FILES}})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, check_document(upload, field)))
        except ValidationError as exc:
            errors.extend(exc.message_dict.get(field, exc.messages))
    if errors:
        raise ValidationError({field: errors})
    return checked
