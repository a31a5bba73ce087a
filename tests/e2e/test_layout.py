"""Layout in a real browser: tables fit a phone, the header menu works without JavaScript, and a
dangerous action asks for confirmation first."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from covenants.models import Membership

from .conftest import DEFAULT_TIMEOUT_MS
from .helpers import assert_accessible, login

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SECRETARIAT = "secretariat@demo.example"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page without JavaScript: what works here works everywhere."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"


def test_covenant_list_fits_a_phone_with_each_row_stacked_and_labelled(
    phone: Page, live_url: str, seeded: None
) -> None:
    phone.goto(f"{live_url}/en/covenants/")
    _no_sideways_scroll(phone)
    table = phone.locator("main table").first
    assert table.bounding_box()["width"] <= PHONE["width"]
    caption = phone.locator("main table caption").first
    expect(caption).to_be_visible()
    assert caption.evaluate("el => el.scrollWidth <= el.clientWidth"), "the caption is cut off"
    # Each cell says which column it belongs to, since the header row is not shown.
    cell = phone.locator("main tbody td").first
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert label.strip('"') == "Sector"
    assert phone.locator("main thead").first.bounding_box()["height"] <= 1


@pytest.mark.parametrize(
    "path", ["/en/covenants/garments-textile/parties/", "/en/covenants/garments-textile/governance/"]
)
def test_secretariat_tables_fit_a_phone_and_sit_in_labelled_focusable_regions(
    phone: Page, live_url: str, seeded: None, path: str
) -> None:
    login(phone, live_url, SECRETARIAT)
    phone.goto(f"{live_url}{path}")
    _no_sideways_scroll(phone)
    regions = phone.locator("main .table-scroll")
    assert regions.count() >= 1
    for i in range(regions.count()):
        region = regions.nth(i)
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("tabindex", "0")
        caption_id = region.get_attribute("aria-labelledby")
        expect(region.locator(f"caption#{caption_id}")).to_have_count(1)


def test_header_menu_opens_without_javascript_on_a_phone(phone: Page, live_url: str, seeded: None) -> None:
    login(phone, live_url, SECRETARIAT)
    phone.goto(f"{live_url}/en/covenants/")
    # A <summary>: browsers expose it as a disclosure button (Playwright has no role for it).
    menu_button = phone.locator("header details > summary", has_text="Menu")
    expect(menu_button).to_be_visible()
    expect(phone.locator("header details.site-menu")).not_to_have_attribute("open", "")
    nav = phone.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    # Closed, the signed-in header takes little of the screen (it took a third before).
    header_height = phone.locator("header.site-header").bounding_box()["height"]
    assert header_height < PHONE["height"] / 6, header_height

    menu_button.click()
    expect(phone.locator("header details.site-menu")).to_have_attribute("open", "")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Manage covenants")).to_be_visible()
    expect(phone.locator("header").get_by_role("button", name="Log out")).to_be_visible()
    nav.get_by_role("link", name="Manage covenants").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Manage covenants")


def test_header_navigation_stays_visible_on_a_desktop(page: Page, live_url: str, seeded: None) -> None:
    login(page, live_url, SECRETARIAT)
    page.goto(f"{live_url}/en/covenants/")
    expect(page.locator("summary.site-menu__button")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Manage covenants")
    ).to_be_visible()
    expect(page.locator("header").get_by_role("button", name="Log out")).to_be_visible()


def test_ending_a_membership_asks_for_confirmation_and_cancel_keeps_what_was_typed(
    page: Page, live_url: str, seeded: None
) -> None:
    membership = Membership.objects.filter(
        covenant__slug="garments-textile",
        status=Membership.Status.ACTIVE,
        company__name="Voorbeeld Mode B.V.",
    ).get()
    login(page, live_url, SECRETARIAT)
    page.goto(f"{live_url}/en/covenants/memberships/{membership.pk}/")
    end = page.locator("form").filter(has=page.get_by_role("button", name="End membership"))
    end.get_by_label("Expelled").check()
    end.get_by_label("Explanation").fill("No annual plan for three years.")
    end.get_by_role("button", name="End membership").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("End the membership?")
    expect(page.locator("main")).to_contain_text("No annual plan for three years.")
    yes = page.get_by_role("button", name="Yes, end the membership")
    assert "button--warning" in (yes.get_attribute("class") or "")
    assert_accessible(page, "confirmation page")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE

    # Cancel: back on the membership page, with the explanation still there.
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voorbeeld Mode B.V.")
    expect(page.get_by_label("Explanation")).to_have_value("No annual plan for three years.")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE

    page.get_by_role("button", name="End membership").click()
    page.get_by_role("button", name="Yes, end the membership").click()
    expect(page.locator(".messages")).to_contain_text("The membership has ended.")
    expect(page.locator("main .facts").first).to_contain_text(re.compile("Ended"))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED
