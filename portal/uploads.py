"""Checking an uploaded file by its content (never by its name) before it is stored."""

from __future__ import annotations

import secrets
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

import magic
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile


def checked_suffix(
    upload: UploadedFile,
    *,
    allowed: Mapping[str, str],
    max_bytes: int,
    field: str,
    too_large: Any,
    wrong_type: Any,
) -> str:
    """The file suffix for `upload`'s detected content type among `allowed` (content type -> suffix),
    or a ValidationError at `field`. Text with NUL bytes is binary that libmagic mistook for text."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError({field: too_large})
    head = upload.read(4096)
    upload.seek(0)
    suffix = allowed.get(magic.from_buffer(head, mime=True))
    if suffix == ".txt" and b"\x00" in head:
        suffix = None
    if suffix is None:
        raise ValidationError({field: wrong_type})
    return suffix


def stored_name(suffix: str) -> str:
    """A generated file name: an uploaded file never keeps the name its sender gave it."""
    return f"{secrets.token_hex(16)}{suffix}"


def display_name(upload: UploadedFile, suffix: str, fallback: str) -> str:
    """The sender's file name (its stem, shortened) with the suffix of the detected type."""
    return (PurePath(upload.name or fallback).stem[:150] or fallback) + suffix


#: Office documents (DOCX, ODT, XLSX ...) are zip archives: these bound what opening one may inflate.
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 2_000
MAX_INFLATE_RATIO = 200


def inflates_safely(upload: UploadedFile) -> bool:
    """Whether a zip-based document really inflates within the limits above (each entry is inflated,
    streamed and discarded: the sizes an archive's directory claims can lie). False for a zip bomb or
    a damaged archive."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ARCHIVE_ENTRIES:
                return False
            total = 0
            for entry in entries:
                real = 0
                with archive.open(entry) as handle:
                    while chunk := handle.read(64 * 1024):
                        real += len(chunk)
                        total += len(chunk)
                        ratio_exceeded = (
                            real > 1024 * 1024 and real / max(entry.compress_size, 1) > MAX_INFLATE_RATIO
                        )
                        if total > MAX_INFLATED_BYTES or ratio_exceeded:
                            return False
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        return False
    finally:
        upload.seek(0)
    return True
