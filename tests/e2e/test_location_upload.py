"""A company uploads its location list in a real browser: the form, the preview and the confirmation,
clean under axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

CSV = (
    "name,address,city,country,tier\r\n"
    "Browser Test Knitwear,Plot 7 EPZ Road,Chattogram,Bangladesh,1\r\n"
    "Broken Row Mill,Road 2,Dhaka,Atlantis,1\r\n"
)


def test_company_uploads_checks_the_preview_and_confirms(
    page: Page, live_url: str, seeded: None, tmp_path: Path
) -> None:
    upload = tmp_path / "locations.csv"
    upload.write_text(CSV, encoding="utf-8")
    login(page, live_url, "company@demo.example")
    page.goto(f"{live_url}/en/locations/uploads/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Production locations")
    assert_accessible(page, "upload list")
    page.get_by_role("link", name="Upload a location list").click()
    assert_accessible(page, "upload form")
    page.get_by_label("Location list").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_test_id("upload-status")).to_have_text("Waiting for your confirmation")
    expect(page.get_by_test_id("count-rejected")).to_have_text("1")
    expect(page.get_by_text("Unknown country")).to_be_visible()
    assert_accessible(page, "upload preview")
    page.get_by_role("button", name="Confirm and apply the valid rows").click()
    expect(page.get_by_test_id("upload-status")).to_have_text("Applied")
    expect(page.get_by_test_id("count-created")).to_have_text("1")
    assert_accessible(page, "upload result")
