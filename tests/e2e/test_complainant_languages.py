"""The complainant's pages in every language they are offered in (Dutch, English, Bengali, Hindi, Urdu
right to left, Turkish, Simplified Chinese, Vietnamese and Burmese), at phone and desktop width: the
complaint form, the receipt page after filing, the return page and the complainant's own case page
(opened with the receipt code) show axe-core no serious or critical violation."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from .axe_sweep import NAVIGATION_TIMEOUT_MS, PHONE, check_both_widths
from .conftest import DEFAULT_TIMEOUT_MS

pytestmark = pytest.mark.e2e

LANGUAGES = ["nl", "en", "bn", "hi", "ur", "tr", "zh-hans", "vi", "my"]
RIGHT_TO_LEFT = {"ur"}


def test_the_offered_languages_are_the_sites_languages() -> None:
    assert sorted(LANGUAGES) == sorted(code for code, _name in settings.LANGUAGES)


def _choose(page: Page, select: str, pattern: str) -> None:
    """Choose the option of `select` whose text matches `pattern` (names differ per language)."""
    texts = page.locator(f"{select} option").all_inner_texts()
    index = next(i for i, text in enumerate(texts) if re.search(pattern, text, re.IGNORECASE))
    page.locator(select).select_option(index=index)


def _file(page: Page) -> None:
    _choose(page, "#id_covenant", "Text")
    page.locator("#id_subject_0").check()
    _choose(page, "#id_company", "Demo Textiles")
    page.locator("#id_what_happened").fill("Overtime is not paid on the night shift.")
    page.locator("#id_filer_0").check()
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()


def test_every_complainant_page_is_accessible_in_every_offered_language_on_phone_and_desktop(
    browser: Browser, live_url: str, seeded: None
) -> None:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    findings: list[str] = []
    try:
        for lang in LANGUAGES:
            page.goto(f"{live_url}/{lang}/complaints/file/")
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang in RIGHT_TO_LEFT else "ltr")
            findings += check_both_widths(page, f"/{lang} complaint form")
            _file(page)
            code = page.locator("[data-receipt-code]").inner_text()
            findings += check_both_widths(page, f"/{lang} receipt page")
            page.goto(f"{live_url}/{lang}/complaints/return/")
            findings += check_both_widths(page, f"/{lang} return page")
            page.locator("#id_code").fill(code)
            with page.expect_navigation():
                page.locator("main form button[type='submit']").click()
            expect(page.locator("h1")).to_contain_text("-")
            assert "/complaints/cases/" in page.url and f"/{lang}/" in page.url, page.url
            findings += check_both_widths(page, f"/{lang} the complainant's case page")
    finally:
        context.close()
    assert not findings, f"{len(findings)} serious/critical finding(s):\n" + "\n".join(findings)
