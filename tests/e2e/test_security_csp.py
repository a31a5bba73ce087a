"""The strict Content-Security-Policy in a real browser: pages work and the browser reports no violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, UserFactory, user_with_role

from .helpers import assert_accessible, login

pytestmark = pytest.mark.django_db(transaction=True)

# Every violation the page sees, from the browser's own event (console text differs per version).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def watch(page: Page) -> list[str]:
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return console


def goto_strict(page: Page, url: str) -> None:
    """Open `url` and check the policy the browser enforces is the strict one."""
    response = page.goto(url)
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    # The directives come in no fixed order: compare them by name.
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value.strip()
    assert directives.get("script-src") == "'self'" and "unsafe-inline" not in policy, policy


def assert_no_violation(page: Page, console: list[str]) -> None:
    recorded = page.evaluate("window.__cspViolations || []")
    assert recorded == [] and console == [], f"{page.url}: {recorded} {console}"


def test_api_docs_render_under_the_strict_policy(page: Page, live_url: str) -> None:
    console = watch(page)
    goto_strict(page, f"{live_url}/api/docs/")
    # Swagger UI has fetched the schema and drawn the operations: its script ran.
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.get_by_text("/api/v1/me/").first).to_be_visible()
    assert_no_violation(page, console)


@pytest.mark.parametrize("path", ["/nl/", "/en/covenants/", "/nl/account/login/", "/en/account/signup/"])
def test_public_pages_load_without_violations(page: Page, live_url: str, path: str) -> None:
    console = watch(page)
    goto_strict(page, f"{live_url}{path}")
    expect(page.locator("main h1")).to_be_visible()
    assert_no_violation(page, console)


def test_tokens_page_works_without_violations(page: Page, live_url: str) -> None:
    from portal.accounts.roles import Role

    user = user_with_role(Role.COMPANY)
    console = watch(page)
    login(page, live_url, user.email, PASSWORD)
    goto_strict(page, f"{live_url}/en/dashboard/tokens/")
    page.get_by_label("Name of the token").fill("Nightly export")
    page.get_by_role("button", name="Create token").click()
    key = page.locator("#new-token-key")
    assert key.input_value().startswith("imvo_")
    expect(page.get_by_role("cell", name="Nightly export", exact=True)).to_be_visible()
    assert_no_violation(page, console)
    assert_accessible(page, "tokens page with a new key")


def test_admin_works_without_violations(page: Page, live_url: str) -> None:
    user = UserFactory(organisation=None, is_staff=True, is_superuser=True)
    console = watch(page)
    page.goto(f"{live_url}/nl/admin/")
    # The admin's login is the portal's.
    assert "/nl/account/login/" in page.url
    form = page.locator("main form").filter(has=page.locator("input[name='login']"))
    form.locator("input[name='login']").fill(user.email)
    form.locator("input[name='password']").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    assert page.url.endswith("/nl/admin/"), page.url
    goto_strict(page, f"{live_url}/nl/admin/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    assert_no_violation(page, console)
