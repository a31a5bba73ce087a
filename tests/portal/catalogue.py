"""A small Dutch test catalogue, so tests can show that a text goes through our own msgids before the
lead's real translations exist (the real catalogue in locale/ is not edited by feature work)."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import override_settings

HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """Write a GNU .mo file. A plural entry is keyed "singular\\0plural" with "one\\0other" as its text."""
    entries = sorted({"": HEADER, **messages}.items())
    ids = [key.encode() for key, _value in entries]
    texts = [value.encode() for _key, value in entries]
    count = len(entries)
    start = 7 * 4 + 16 * count
    offsets = []
    data = b""
    for blob in ids + texts:
        offsets.append((len(blob), start + len(data)))
        data += blob + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in offsets)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + tables + data)


@contextmanager
def dutch_catalogue(directory: Path, messages: dict[str, str]) -> Iterator[None]:
    """Put a Dutch catalogue with these messages in front of the portal's own."""
    write_mo(directory / "nl" / "LC_MESSAGES" / "django.mo", messages)
    with override_settings(LOCALE_PATHS=[str(directory), *settings.LOCALE_PATHS]):
        yield
