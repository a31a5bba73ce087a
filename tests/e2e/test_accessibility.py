"""Every page, as each column of the permission matrix (anonymous, a user of a waiting organisation and
every role) opens it, at phone and desktop width, in Dutch and English: axe-core reports no serious or
critical violation.

The pages come from tests/e2e/sweep_pages.py, which tests/test_accessibility_coverage.py proves
complete against the URL configuration and the permission matrix; their objects are the demo data's
(tests/e2e/sweep_demo.py). One test per column (the two with the most pages: one per language): it
signs in once and keeps that browser context for every page, loads each page once and checks it at
both widths (axe-core again after a resize), and reports all findings together, so one run shows
everything that is left to fix.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.permission_matrix import COLUMNS

from .axe_sweep import DESKTOP, NAVIGATION_TIMEOUT_MS, check_both_widths, check_phone_menu
from .conftest import DEFAULT_TIMEOUT_MS
from .helpers import login
from .sweep_demo import account, prepare
from .sweep_pages import PAGES

LANGUAGES = ("nl", "en")
#: Columns with many pages run one test per language, so the two test processes share them evenly.
PER_LANGUAGE = ("secretariat", "company")
RUNS = [
    pytest.param(column, languages, id="-".join((column, *languages)) if column in PER_LANGUAGE else column)
    for column in COLUMNS
    for languages in ([(lang,) for lang in LANGUAGES] if column in PER_LANGUAGE else [LANGUAGES])
]


@pytest.mark.parametrize(("column", "languages"), RUNS)
def test_every_page_of_a_column_is_accessible_on_phone_and_desktop_in_both_languages(
    browser: Browser, live_url: str, seeded: None, column: str, languages: tuple[str, ...]
) -> None:
    demo = prepare(column)
    signs_in = account(column)
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    findings: list[str] = []
    try:
        if signs_in:
            login(page, live_url, *signs_in)  # the session cookie serves every page below
        for lang in languages:
            paths = [path for entry in PAGES[column] for path in entry.paths(demo, lang)]
            for number, path in enumerate(paths):
                response = page.goto(f"{live_url}{path}")
                assert response is not None and response.status == 200, f"{column} {path}: {response}"
                findings += check_both_widths(page, path)
                if number == 0:
                    findings += check_phone_menu(page, path)
    finally:
        context.close()
    assert not findings, f"{len(findings)} serious/critical finding(s) for {column}:\n" + "\n".join(findings)
