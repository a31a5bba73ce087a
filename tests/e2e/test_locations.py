"""Production locations in a real browser: the public list (both languages, filters, phone width) and the
secretariat's match queue with its confirmation step, clean under axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("code", ["en", "nl"])
def test_public_location_list_is_accessible_in_each_language(
    page: Page, live_url: str, seeded: None, code: str
) -> None:
    page.goto(f"{live_url}/{code}/locations/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("svg title")).to_have_count(1)
    assert_accessible(page, f"/{code}/locations/")
    page.goto(f"{live_url}/{code}/locations/?country=XX")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, f"/{code}/locations/ with a filter error")


def test_public_location_list_filters_and_fits_a_phone(page: Page, live_url: str, seeded: None) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/en/locations/")
    page.locator("#id_country").select_option(label="Portugal")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#caption-location-table ~ tbody tr")
    expect(rows.first).to_contain_text("Portugal")
    assert_accessible(page, "filtered list on a phone")


def test_secretariat_reviews_a_match_with_a_confirmation_step(
    page: Page, live_url: str, seeded: None
) -> None:
    login(page, live_url, "secretariat@demo.example")
    page.goto(f"{live_url}/en/locations/matches/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Potential location matches")
    assert_accessible(page, "match queue")
    page.get_by_role("button", name="Same location: merge").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merge these two locations?")
    assert_accessible(page, "merge confirmation")
    page.get_by_role("button", name="Yes, merge the locations").click()
    expect(page.get_by_text("The locations have been merged.")).to_be_visible()
    expect(page.get_by_text("No potential matches are waiting for review.")).to_be_visible()
