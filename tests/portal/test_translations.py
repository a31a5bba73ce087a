"""Dutch and English are both complete: every translatable string in the code has a Dutch
translation in the committed catalogue, none of them fuzzy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IGNORES = [
    "--ignore=.venv",
    "--ignore=var",
    "--ignore=tests",
    "--ignore=bench",
    "--ignore=docs",
    "--ignore=node_modules",
]


@pytest.mark.skipif(
    shutil.which("msgfmt") is None and not os.environ.get("CI"), reason="gettext is not installed"
)
def test_every_string_in_the_code_has_a_dutch_translation(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", locale)
    env = {**os.environ, "PORTAL_LOCALE_DIR": str(locale), "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    # makemessages also writes to the project's own locale/ folder (it sits beside the files it
    # reads): keep the committed catalogue as it was, and check the copy it wrote.
    committed = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    before = committed.read_bytes()
    try:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "nl",
                "--no-location",
                "--no-obsolete",
                *IGNORES,
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        written = committed.read_bytes()
    finally:
        committed.write_bytes(before)
    po = locale / "nl" / "LC_MESSAGES" / "django.po"
    if written != before:
        po.write_bytes(written)
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert not re.search(r"\d+ (untranslated|fuzzy)", stats), (
        f"Dutch catalogue incomplete ({stats.strip()}). Run `make messages` and translate the new entries."
    )


@pytest.mark.django_db
def test_pages_speak_the_language_of_their_url(client):
    dutch = client.get("/nl/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="nl" dir="ltr">' in dutch and "Naar de hoofdinhoud" in dutch
    assert '<html lang="en" dir="ltr">' in english and "Skip to main content" in english


def test_translation_functions_keep_names_that_makemessages_finds():
    """makemessages extracts gettext, gettext_lazy, ngettext, pgettext... and `_`; a string marked through
    another alias (`gettext as _t`) never reaches the catalogue and stays English on Dutch pages."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    alias = re.compile(r"from django\.utils\.translation import [^\n]*\b\w*gettext\w* as (?!_\b)\w+")
    found = [
        str(path.relative_to(root))
        for app in ("portal", "covenants", "companies", "duediligence", "complaints")
        for path in (root / app).rglob("*.py")
        if alias.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"rename the translation alias to _ or its own name in: {found}"
