"""Location signals in a real browser: an NGO reports one, the secretariat relays it after a confirmation
step, the company answers; every page clean under axe-core, and the reporter never sees the companies."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login, logout

pytestmark = pytest.mark.e2e


def test_signal_is_reported_relayed_and_answered(page: Page, live_url: str, seeded: None) -> None:
    login(page, live_url, "ngo@demo.example")
    page.goto(f"{live_url}/en/locations/")
    page.get_by_role("link", name="Report a problem").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem at a location")
    page.get_by_role("button", name="Send the signal").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "report form with errors")
    page.get_by_label("Theme").select_option(index=1)
    page.get_by_label("When did it happen?").fill("2026-02-01")
    page.get_by_label("What happened?").fill("Overtime was not paid in January.")
    page.get_by_role("button", name="Send the signal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My signals")
    expect(page.get_by_text("Reported; waiting for the secretariat")).to_be_visible()
    assert_accessible(page, "my signals")
    logout(page, live_url)

    login(page, live_url, "secretariat@demo.example")
    page.goto(f"{live_url}/en/locations/signals/inbox/")
    assert_accessible(page, "signals inbox")
    page.get_by_role("button", name="Relay to the linked companies").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relay this signal?")
    assert_accessible(page, "relay confirmation")
    page.get_by_role("button", name="Yes, relay the signal").click()
    expect(page.get_by_text("The signal has been relayed.")).to_be_visible()
    logout(page, live_url)

    login(page, live_url, "company@demo.example")
    page.goto(f"{live_url}/en/locations/signals/relayed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Location signals")
    assert_accessible(page, "company signals")
    logout(page, live_url)

    login(page, live_url, "ngo@demo.example")
    page.goto(f"{live_url}/en/locations/signals/mine/")
    expect(page.get_by_text("Demo Textiles B.V.")).to_have_count(0)
    assert_accessible(page, "my signals after the relay")
