"""The form pattern in a real browser: error summary focused on load, its links move the focus to the
field, the page title says "Error:", the login's reset link after the password field, axe-core clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible


def submit_empty(page: Page, url: str) -> None:
    page.goto(url)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("path", "first_field"),
    [("/en/account/login/", "id_login"), ("/en/account/signup/", "id_email")],
)
def test_empty_form_shows_a_focused_summary_whose_links_reach_the_fields(
    page: Page, live_url: str, path: str, first_field: str
) -> None:
    submit_empty(page, f"{live_url}{path}")

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert page.title().startswith("Error: ")

    link = summary.locator(f"a[href='#{first_field}']")
    expect(link).to_have_count(1)
    link.click()
    expect(page.locator(f"#{first_field}")).to_be_focused()
    # The field says it is invalid and points at its message.
    field = page.locator(f"#{first_field}")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby") or ""
    assert f"{first_field}_error" in described.split()
    expect(page.locator(f"#{first_field}_error")).to_be_visible()


def test_the_keyboard_goes_from_password_to_the_reset_link_not_the_other_way(
    page: Page, live_url: str
) -> None:
    page.goto(f"{live_url}/en/account/login/")
    page.locator("#id_login").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_focused()


@pytest.mark.parametrize(
    "path", ["/nl/account/login/", "/en/account/login/", "/nl/account/signup/", "/en/account/signup/"]
)
def test_account_forms_with_errors_are_accessible(page: Page, live_url: str, path: str) -> None:
    submit_empty(page, f"{live_url}{path}")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, f"{path} with errors")


def test_an_error_free_page_has_no_error_title_and_no_summary(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/en/account/login/")
    expect(page.locator(".error-summary")).to_have_count(0)
    assert not page.title().startswith("Error")


def test_checkbox_is_at_least_24_pixels_and_beside_its_label(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/en/account/login/")
    box = page.locator("#id_remember").bounding_box()
    label = page.locator("label[for='id_remember']").bounding_box()
    assert box is not None and label is not None
    assert box["width"] >= 24 and box["height"] >= 24
    assert box["x"] + box["width"] <= label["x"]  # the box first, its label to the right
    assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 16
