"""Covenants in a real browser: a company applies, the secretariat approves, the public sees the new
member; and the covenant pages are clean under axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login, logout

pytestmark = pytest.mark.e2e

COMPANY = "company@demo.example"
COMPANY_NAME = "Demo Textiles B.V."
SECRETARIAT = "secretariat@demo.example"
TARGET = "natural-stone"
TARGET_NAME = "Dutch Natural Stone Agreement (demo)"


def test_company_applies_secretariat_approves_and_the_public_sees_the_member(
    page: Page, live_url: str, seeded: None
) -> None:
    # The public member list does not show the company yet.
    page.goto(f"{live_url}/en/covenants/{TARGET}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TARGET_NAME)
    expect(page.locator("#member-table")).not_to_contain_text(COMPANY_NAME)

    # The company applies from its memberships page.
    login(page, live_url, COMPANY)
    page.goto(f"{live_url}/en/covenants/memberships/")
    assert_accessible(page, "my memberships")
    page.get_by_role("link", name="Apply to join a covenant").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply to join a covenant")
    form = page.locator("main form")
    form.get_by_role("combobox", name=re.compile(r"^Covenant")).select_option(label=TARGET_NAME)
    form.get_by_label("Number of employees").fill("180")
    form.get_by_label("Annual turnover").select_option(label="EUR 10 to 50 million")
    # The countries come from a labelled list of names; the page stores their ISO codes.
    form.get_by_label("Sourcing countries").select_option(["IN", "CN"])
    # Forgetting the declaration keeps everything typed and says what is missing.
    form.get_by_role("button", name="Send application").click()
    expect(page.locator(".errorlist")).to_contain_text("Tick the box to accept the adherence declaration.")
    expect(page.get_by_label("Number of employees")).to_have_value("180")
    assert_accessible(page, "application form with an error")
    page.locator("main form").get_by_label(re.compile("adherence declaration")).check()
    page.locator("main form").get_by_role("button", name="Send application").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(TARGET_NAME)
    expect(page.locator("main .facts").first).to_contain_text("Applied")
    expect(page.locator("main")).to_contain_text("China, India")
    assert_accessible(page, "membership detail (company)")
    logout(page, live_url)

    # The secretariat finds the application and approves it.
    login(page, live_url, SECRETARIAT)
    page.goto(f"{live_url}/en/covenants/applications/")
    assert_accessible(page, "applications")
    row = page.locator("tbody tr").filter(has_text=COMPANY_NAME).filter(has_text=TARGET_NAME)
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Decide on the application")).to_be_visible()
    assert_accessible(page, "membership detail (secretariat)")
    page.get_by_label("Approve: the company becomes a member").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".messages")).to_contain_text("Your decision has been saved.")
    expect(page.locator("main .facts").first).to_contain_text("Active")
    logout(page, live_url)

    # Everyone now sees the company on the covenant's member list.
    page.goto(f"{live_url}/en/covenants/{TARGET}/")
    expect(page.locator("#member-table")).to_contain_text(COMPANY_NAME)


PUBLIC_PAGES = [
    "/en/covenants/",
    "/nl/covenants/",
    "/en/covenants/garments-textile/",
    "/en/covenants/banking/",
]


def test_public_covenant_pages_are_accessible(page: Page, live_url: str, seeded: None) -> None:
    for path in PUBLIC_PAGES:
        page.goto(f"{live_url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page, path)
    # The governance section is for parties only.
    page.goto(f"{live_url}/en/covenants/garments-textile/")
    expect(page.get_by_role("heading", name="Governance")).to_have_count(0)


def test_party_sees_governance_and_the_page_stays_accessible(page: Page, live_url: str, seeded: None) -> None:
    login(page, live_url, "ngo@demo.example")
    page.goto(f"{live_url}/en/covenants/garments-textile/")
    expect(page.get_by_role("heading", name="Governance")).to_be_visible()
    expect(page.get_by_role("heading", name="Steering group")).to_be_visible()
    assert_accessible(page, "covenant page with governance")


SECRETARIAT_PAGES = [
    "/en/covenants/manage/",
    "/en/covenants/manage/new/",
    "/en/covenants/garments-textile/edit/",
    "/en/covenants/garments-textile/parties/",
    "/en/covenants/garments-textile/governance/",
    "/en/covenants/garments-textile/governance/meetings/new/",
    "/en/covenants/memberships/",
    "/en/covenants/cycles/",
    "/en/covenants/cycles/new/",
]


def test_secretariat_covenant_screens_are_accessible(page: Page, live_url: str, seeded: None) -> None:
    login(page, live_url, SECRETARIAT)
    for path in SECRETARIAT_PAGES:
        page.goto(f"{live_url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page, path)
    page.goto(f"{live_url}/en/covenants/cycles/")
    page.locator("tbody a").first.click()
    expect(page.get_by_role("heading", name="Close the cycle")).to_be_visible()
    assert_accessible(page, "cycle detail")
    # The role home's covenant section.
    page.goto(f"{live_url}/en/dashboard/home/secretariat/")
    expect(page.get_by_role("link", name=re.compile("membership application"))).to_be_visible()
    assert_accessible(page, "secretariat home")


def test_company_home_shows_memberships(page: Page, live_url: str, seeded: None) -> None:
    login(page, live_url, COMPANY)
    page.goto(f"{live_url}/en/dashboard/home/company/")
    section = page.locator("section").filter(has=page.get_by_role("heading", name="My memberships"))
    expect(section).to_contain_text("Dutch Agreement on Sustainable Garments and Textile (demo)")
    assert_accessible(page, "company home")
