"""The front door in a real browser: a visitor on a phone goes from the home page's question to a
covenant and reads how a company joins; a company runs the quick scan and saves its result into its
risk register; the news and the site search are clean under axe-core and the search finds the news."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import DEFAULT_TIMEOUT_MS
from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
COMPANY = "company@demo.example"
COVENANT = "garments-textile"
COVENANT_NAME = "Dutch Agreement on Sustainable Garments and Textile (demo)"
NEWS_ITEM = "garments-living-wage"  # a published demo news item of the garments covenant
NEWS_TITLE = "Living wage: first results"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone: a narrow screen, touch, and the mobile meta viewport honoured."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"


def test_a_visitor_on_a_phone_finds_how_a_company_joins_a_covenant(
    phone: Page, live_url: str, seeded: None
) -> None:
    phone.goto(f"{live_url}/en/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("IMVO Covenant Portal")
    _fits_the_phone(phone)
    # On a phone the header's navigation sits behind the "Menu" button; the menu opens on a tap.
    nav = phone.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    phone.locator("header details > summary", has_text="Menu").tap()
    expect(nav.get_by_role("link", name="Covenants", exact=True)).to_be_visible()
    phone.locator("header details > summary", has_text="Menu").tap()
    expect(nav).to_be_hidden()
    assert_accessible(phone, "home page, phone")

    question = phone.locator("main .card").filter(
        has=phone.get_by_role("heading", name="Do you want to join a covenant as a company?")
    )
    expect(question).to_have_count(1)
    link = question.get_by_role("link", name="The covenants and how to join")
    expect(link).to_be_visible()
    link.tap()
    expect(phone).to_have_url(f"{live_url}/en/covenants/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Covenants")

    phone.locator("main table").get_by_role("link", name=COVENANT_NAME).tap()
    expect(phone).to_have_url(f"{live_url}/en/covenants/{COVENANT}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(COVENANT_NAME)
    _fits_the_phone(phone)

    join = phone.locator("section#join")
    heading = join.get_by_role("heading", name="How does a company join?")
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    steps = join.locator("ol > li")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Create an account for your company")
    expect(steps.nth(1)).to_contain_text("Apply to join this covenant")
    expect(steps.nth(2)).to_contain_text("The secretariat assesses the application")
    signup = steps.nth(0).get_by_role("link", name="Create an account")
    expect(signup).to_have_attribute("href", "/en/account/signup/")
    expect(join.get_by_role("link", name="Ask the secretariat")).to_have_attribute("href", "/en/contact/")
    assert_accessible(phone, "covenant page, phone")

    signup.tap()
    expect(phone).to_have_url(f"{live_url}/en/account/signup/")
    expect(phone.locator("main input[name='email']")).to_be_visible()


def test_a_company_runs_the_quick_scan_and_saves_it_into_its_risk_register(
    page: Page, live_url: str, seeded: None
) -> None:
    login(page, live_url, COMPANY)
    page.goto(f"{live_url}/en/due-diligence/quick-scan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Due-diligence quick scan")
    page.get_by_label("Sector", exact=True).select_option("garments_textile")
    page.get_by_label("Countries you source from").select_option("BD")
    with page.expect_navigation():
        page.get_by_role("button", name="Show the risks").click()
    assert "sector=garments_textile" in page.url and "countries=BD" in page.url

    result = page.locator("section[aria-labelledby='result-title']")
    expect(result.get_by_role("heading", name="Your result")).to_be_visible()
    expect(result).to_contain_text("Garments and textile, sourcing from Bangladesh")
    themes = result.locator("ol.plain-list > li h4")
    expect(themes.filter(has_text="Living wage")).to_have_count(1)
    expect(themes.filter(has_text="Freedom of association and collective bargaining")).to_have_count(1)
    expect(themes.filter(has_text="Living wage")).to_contain_text("Risk: ")
    # Bangladesh's own indication is shown with the sector's.
    expect(result).to_contain_text("The legal minimum wage in garments is far below living-wage estimates.")
    steps = result.locator("ol.steps > li")
    assert steps.count() >= 1
    expect(steps.first.locator("ul > li").first).to_be_visible()
    expect(result).to_contain_text("Adopt a policy that names the risk themes found here")
    expect(result.get_by_role("link", name=COVENANT_NAME, exact=True)).to_be_visible()
    assert_accessible(page, "quick scan result")

    with page.expect_navigation():
        result.get_by_role("button", name="Save as the start of my risk register").click()
    expect(page).to_have_url(f"{live_url}/en/due-diligence/risks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk register")
    expect(page.locator(".messages")).to_contain_text(
        re.compile(r"The quick scan is in your risk register: [1-9]\d* new risks")
    )
    table = page.locator("table.risk-table")
    living = table.get_by_role("rowheader", name="Quick scan: Living wage", exact=True)
    expect(living).to_have_count(1)
    expect(
        table.get_by_role(
            "link", name="Quick scan: Freedom of association and collective bargaining", exact=True
        )
    ).to_have_count(1)
    row = table.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name="Quick scan: Living wage", exact=True)
    )
    expect(row.locator("td").nth(1)).to_have_text("Bangladesh")


@pytest.mark.parametrize("path", ["/en/news/", f"/en/news/{NEWS_ITEM}/"])
def test_the_news_pages_are_accessible(page: Page, live_url: str, seeded: None, path: str) -> None:
    page.goto(f"{live_url}{path}")
    if path == "/en/news/":
        expect(page.get_by_role("heading", level=1)).to_have_text("News")
        expect(page.locator("main article").get_by_role("link", name=NEWS_TITLE)).to_be_visible()
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text(NEWS_TITLE)
    assert_accessible(page, f"news page {path}")


def test_the_search_finds_the_news_and_is_accessible(page: Page, live_url: str, seeded: None) -> None:
    page.goto(f"{live_url}/en/search/")
    page.get_by_label("Search for").fill("wages")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=wages$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^[1-9]\d* results?$"))
    hits = page.locator("main ul.search-hits > li")
    assert hits.count() >= 1
    news = page.locator("section[aria-labelledby='hits-news']")
    expect(news.get_by_role("link", name=NEWS_TITLE)).to_have_attribute("href", f"/en/news/{NEWS_ITEM}/")
    assert_accessible(page, "search results")
    news.get_by_role("link", name=NEWS_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWS_TITLE)
