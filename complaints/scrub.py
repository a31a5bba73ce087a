"""Removing what a complainant's files say about who made them, before they are stored.

A photo's EXIF block can hold the phone's owner and the place it was taken; a PDF's information
dictionary and XMP packet, a DOCX's docProps/core.xml and an ODT's meta.xml name the author. The
respondent company reads the complainant's documents, so these are removed from every file the
complainant adds (the content itself is kept as it is). A file that cannot be rewritten is refused
rather than stored with its metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

#: The parts of an office document that describe its author, replaced by empty ones.
_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
)
_ODT_PERSONAL = re.compile(
    rb"<(meta:initial-creator|dc:creator|meta:printed-by|meta:user-defined)[^>]*?(/>|>.*?</\1>)", re.S
)


def _refused(upload: Any) -> ValidationError:
    return ValidationError(
        {
            "attachments": _("The file “%(name)s” could not be read. Save it again and add it once more.")
            % {"name": getattr(upload, "name", "")}
        }
    )


def _image(data: bytes, suffix: str) -> bytes:
    """The pixels in a new image: nothing of the original's EXIF, text chunks or profile comes along."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        mode = "RGB" if suffix == ".jpg" else ("RGBA" if image.mode in ("P", "PA", "LA", "RGBA") else "RGB")
        pixels = image.convert(mode)
        clean = Image.new(mode, pixels.size)
        clean.paste(pixels)
        out = io.BytesIO()
        clean.save(out, format="JPEG" if suffix == ".jpg" else "PNG", quality=95)
    return out.getvalue()


def _pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer._info = None  # the document information dictionary (author, creator, producer)
    root = writer._root_object
    if "/Metadata" in root:
        del root["/Metadata"]  # the XMP packet
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _office(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _EMPTY_CORE
            elif entry.filename == "meta.xml":
                content = _ODT_PERSONAL.sub(b"", content)
            # ODT wants its "mimetype" entry first and stored uncompressed; keep each entry's method.
            target.writestr(entry, content, compress_type=entry.compress_type)
    return out.getvalue()


def scrubbed(upload: Any, suffix: str) -> Any:
    """The upload without its author and location metadata (a new file object), or the upload itself
    for plain text. A ValidationError at "attachments" when the file cannot be rewritten."""
    if suffix == ".txt":
        return upload
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        if suffix in (".jpg", ".png"):
            clean = _image(data, suffix)
        elif suffix == ".pdf":
            clean = _pdf(data)
        else:
            clean = _office(data)
    except Exception as exc:  # any parser error of a damaged or crafted file: refuse it
        raise _refused(upload) from exc
    return ContentFile(clean, name=getattr(upload, "name", "document"))
