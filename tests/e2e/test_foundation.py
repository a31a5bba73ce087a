"""Foundation in a real browser: languages, log-in for every role, the account forms, keyboard use."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, login, logout

# e-mail, role in the URL, organisation name shown on the role's home page
DEMO_LOGINS = [
    ("secretariat@demo.example", "secretariat", "SER IMVO-secretariaat (demo)"),
    ("committee@demo.example", "committee", "Klachten- en Geschillencommissie (demo)"),
    ("company@demo.example", "company", "Demo Textiles B.V."),
    ("company2@demo.example", "company", "Voorbeeld Mode B.V."),
    ("ngo@demo.example", "ngo", "Stichting Eerlijke Keten (demo)"),
    ("union@demo.example", "trade_union", "Bond voor Textielwerkers (demo)"),
    ("government@demo.example", "government", "Ministerie van Buitenlandse Zaken (demo)"),
]
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def language_switch(page: Page):
    return page.locator("header .language-switch")


def expect_language(page: Page, code: str) -> None:
    """The page is in `code`: html lang, the URL prefix and the language switch agree."""
    expect(page.locator("html")).to_have_attribute("lang", code)
    assert page.url.split("/", 3)[3].startswith(f"{code}/"), page.url
    current = language_switch(page).locator("[aria-current]")
    expect(current).to_have_text(LANGUAGE_NAMES[code])


@pytest.mark.parametrize("code", ["nl", "en"])
def test_public_home_page_in_each_language(page: Page, live_url: str, code: str) -> None:
    page.goto(f"{live_url}/{code}/")

    expect_language(page, code)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Links keep the visitor in their language.
    expect(page.locator("header .account-menu a").first).to_have_attribute(
        "href", re.compile(rf"^/{code}/account/login/")
    )
    if code == "en":
        expect(page.get_by_role("heading", level=1)).to_have_text("IMVO Covenant Portal")
        expect(page.get_by_role("heading", name="Who uses the portal")).to_be_visible()
    assert_accessible(page, f"home page ({code})")


# Dutch page text needs the compiled catalogue (`make compilemessages`); CI must have it.
DUTCH_CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.mo"


@pytest.mark.skipif(
    not DUTCH_CATALOGUE.exists() and not os.environ.get("CI"),
    reason="the Dutch catalogue is not compiled (run `make compilemessages`)",
)
def test_public_home_page_text_is_dutch(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/en/")
    english = page.locator("main").inner_text()
    page.goto(f"{live_url}/nl/")

    expect(page.locator("a.skip-link")).to_have_text("Naar de hoofdinhoud")
    assert page.get_by_role("heading", name="Who uses the portal").count() == 0
    assert page.locator("main").inner_text() != english


def test_stylesheet_is_served(page: Page, live_url: str) -> None:
    with page.expect_response(re.compile(r"/static/css/portal\.css")) as css:
        page.goto(f"{live_url}/nl/")
    assert css.value.status == 200
    # ...and applied: the skip link waits off-screen until it gets focus.
    position = page.locator(".skip-link").evaluate("el => getComputedStyle(el).position")
    assert position == "absolute"


def test_language_switch_on_home_page(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/nl/")

    language_switch(page).get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_url}/en/")
    expect_language(page, "en")
    expect(page.get_by_role("heading", name="Who uses the portal")).to_be_visible()

    language_switch(page).get_by_role("link", name="Nederlands").click()
    page.wait_for_url(f"{live_url}/nl/")
    expect_language(page, "nl")


def test_language_switch_keeps_the_page_and_translates_it(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/nl/account/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")

    language_switch(page).get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_url}/en/account/login/")
    expect_language(page, "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")

    language_switch(page).get_by_role("link", name="Nederlands").click()
    page.wait_for_url(f"{live_url}/nl/account/login/")
    expect_language(page, "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")


@pytest.mark.parametrize(
    ("email", "role", "organisation"), DEMO_LOGINS, ids=[e.split("@")[0] for e, _, _ in DEMO_LOGINS]
)
def test_each_demo_role_logs_in_to_its_home(
    page: Page, live_url: str, seeded: None, email: str, role: str, organisation: str
) -> None:
    login(page, live_url, email)

    assert page.url == f"{live_url}/nl/dashboard/home/{role}/"
    expect_language(page, "nl")
    main = page.locator("main")
    expect(main.get_by_text(organisation, exact=True)).to_be_visible()
    expect(main.get_by_text(email, exact=True)).to_be_visible()
    expect(page.locator("header").get_by_role("link", name=email)).to_be_visible()
    assert_accessible(page, f"{role} home ({email})")

    logout(page, live_url)

    log_in = re.compile(r"^(log in|inloggen|aanmelden)$", re.IGNORECASE)
    expect(page.locator("header .account-menu").get_by_role("link", name=log_in)).to_be_visible()
    expect(page.locator("header form[action*='logout']")).to_have_count(0)
    # The dashboard is closed again.
    page.goto(f"{live_url}/nl/dashboard/")
    assert "/nl/account/login/" in page.url


@pytest.mark.parametrize(
    "path", ["/nl/account/login/", "/en/account/login/", "/nl/account/signup/", "/en/account/signup/"]
)
def test_account_forms_are_accessible(page: Page, live_url: str, path: str) -> None:
    page.goto(f"{live_url}{path}")
    expect(page.locator("main form")).to_be_visible()
    assert_accessible(page, path)


def test_failed_login_shows_an_error_and_keeps_the_email(page: Page, live_url: str, seeded: None) -> None:
    email = "company@demo.example"
    login(page, live_url, email, password="not-the-password")

    assert page.url == f"{live_url}/nl/account/login/"
    error = page.locator("main [role=alert]")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.locator("input[name='login']")).to_have_value(email)
    expect(page.locator("input[name='password']")).to_have_value("")
    assert_accessible(page, "login page with an error")


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/nl/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert skip_link.get_attribute("href") == "#main"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")


def test_assert_accessible_reports_serious_violations(page: Page) -> None:
    # The check itself must bite: an unlabelled field and an image without text are serious/critical.
    page.set_content(
        '<!DOCTYPE html><html lang="en" dir="ltr"><head><title>Broken</title></head>'
        '<body><main><h1>Broken</h1><img src="data:,"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "deliberately broken page")
    message = str(failure.value)
    assert "image-alt [critical]" in message
    assert "label [critical]" in message
    assert "deliberately broken page" in message
