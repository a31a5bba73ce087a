"""Extract the strings of the pages a complainant sees into the catalogues of the extra languages.

The portal is Dutch and English; the complaint form, the receipt page and the complainant's case pages
are also offered in Bengali, Hindi, Urdu, Turkish, Simplified Chinese, Vietnamese and Burmese. Their
catalogues hold only the strings of those pages: Django's own `makemessages` is run on a copy of just
the files those pages are built from, and the result is merged into locale/<language>/.

Usage:  python scripts/complainant_messages.py            (update the catalogues)
        python scripts/complainant_messages.py --into DIR  (write the catalogues under DIR instead)

Each entry a translator adds is marked "unchecked" until a native speaker has checked it; the check
removes the mark (see docs/translations.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Django locale names of the extra languages.
LOCALES = ("bn", "hi", "ur", "tr", "zh_Hans", "vi", "my")
#: What the complainant's pages are built from: the app's code and pages, the page frame and its
#: components, the form templates, error pages and the navigation labels every app registers.
SOURCES = (
    "complaints",
    "templates/complaints",
    "templates/base.html",
    "templates/components",
    "templates/django/forms",
    "templates/403.html",
    "templates/404.html",
    "templates/413.html",
    "templates/429.html",
    "templates/500.html",
    "covenants/apps.py",
    "companies/apps.py",
    "duediligence/apps.py",
)
SKIP = ("migrations", "__pycache__")


def _copy_sources(target: Path) -> None:
    for source in SOURCES:
        origin = ROOT / source
        destination = target / source
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination, ignore=shutil.ignore_patterns(*SKIP))
        else:
            shutil.copy2(origin, destination)


def extract(into: Path) -> None:
    """Write the up-to-date catalogues of every extra language under `into`/<locale>/LC_MESSAGES/."""
    with tempfile.TemporaryDirectory() as work:
        sandbox = Path(work)
        _copy_sources(sandbox)
        locale = sandbox / "locale"
        for name in LOCALES:
            existing = ROOT / "locale" / name
            if existing.exists():
                shutil.copytree(existing, locale / name)
        (locale).mkdir(exist_ok=True)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PORTAL_LOCALE_DIR": str(locale),
        }
        command = [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-obsolete"]
        for name in LOCALES:
            command += ["-l", name]
        # Our own interpreter running Django's makemessages on a copy of our own files.
        subprocess.run(command, cwd=sandbox, env=env, check=True, capture_output=True, text=True, timeout=300)  # noqa: S603
        for name in LOCALES:
            written = locale / name / "LC_MESSAGES" / "django.po"
            destination = into / name / "LC_MESSAGES"
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy2(written, destination / "django.po")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, default=ROOT / "locale")
    extract(parser.parse_args().into)


if __name__ == "__main__":
    main()
