"""The languages of the people who complain: every string of the pages they see is translated into
each extra language, none fuzzy, each entry marked until a native speaker checked it; the catalogues
hold what the code has now (`scripts/complainant_messages.py`)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "complainant_messages", ROOT / "scripts" / "complainant_messages.py"
)
assert spec and spec.loader
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None and not os.environ.get("CI"), reason="gettext is not installed"
)


def _catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))


def _keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


@needs_gettext
def test_each_extra_catalogue_holds_every_string_of_the_complainants_pages(tmp_path):
    messages.extract(tmp_path)
    for locale in messages.LOCALES:
        fresh = polib.pofile(str(tmp_path / locale / "LC_MESSAGES" / "django.po"))
        missing = _keys(fresh) - _keys(_catalogue(locale))
        assert not missing, f"{locale}: run `make messages` and translate: {sorted(missing)[:5]}"


@pytest.mark.parametrize("locale", messages.LOCALES)
def test_every_entry_is_translated_and_marked_until_checked(locale):
    po = _catalogue(locale)
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not untranslated, f"{locale}: untranslated {untranslated[:5]}"
    unmarked = [
        e.msgid for e in po if not e.obsolete and not ({"unchecked", "checked"} & set(e.tcomment.split()))
    ]
    assert not unmarked, f"{locale}: entries without their 'unchecked' or 'checked' mark: {unmarked[:5]}"


@needs_gettext
@pytest.mark.parametrize("locale", messages.LOCALES)
def test_each_catalogue_compiles_with_its_placeholders_intact(locale):
    po = ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True, capture_output=True)
