"""A company's supplier chain page and the downloads in a real browser, clean under axe-core."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("code", ["en", "nl"])
def test_company_sees_its_supply_chain_and_downloads_its_locations(
    page: Page, live_url: str, seeded: None, code: str
) -> None:
    login(page, live_url, "company@demo.example")
    page.goto(f"{live_url}/{code}/locations/mine/chain/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("section.chain").first).to_be_visible()
    assert_accessible(page, f"/{code}/locations/mine/chain/")
    response = page.request.get(f"{live_url}/{code}/locations/mine/download/csv/")
    assert response.ok
    rows = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
    assert rows[0][1] == ("Naam" if code == "nl" else "Name")
    assert len(rows) > 1


def test_public_list_offers_its_downloads(page: Page, live_url: str, seeded: None) -> None:
    page.goto(f"{live_url}/en/locations/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename == "production-locations.xlsx"
    assert_accessible(page, "public list with download links")
