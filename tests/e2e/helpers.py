"""Helpers for browser tests: log in and out through the real forms, and check pages with axe-core."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from playwright.sync_api import Page

DEMO_PASSWORD = "demo-pass-2026"  # the documented demo password
#: Impacts that fail a test; "minor" and "moderate" findings are left to review.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
LOGOUT_BUTTON = re.compile(r"^\s*(log out|uitloggen|afmelden)\s*$", re.IGNORECASE)

_axe = Axe()


def login(page: Page, live_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the (Dutch) login form and wait for the page the portal sends us to."""
    page.goto(f"{live_url}/nl/account/login/")
    form = page.locator("main form").filter(has=page.locator("input[name='login']"))
    form.locator("input[name='login']").fill(email)
    form.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    page.wait_for_load_state()


def logout(page: Page, live_url: str) -> None:
    """Log out with the header's "Log out" button (a POST form) and wait for the page after it."""
    button = page.locator("header form").get_by_role("button", name=LOGOUT_BUTTON)
    if button.count() == 0:
        # The current page may have no site header (an error or a download): use the home page's.
        page.goto(f"{live_url}/nl/")
    if button.count() == 0:
        raise AssertionError(f"no log-out button in the header of {page.url}: not logged in?")
    with page.expect_navigation():
        button.first.click()
    page.wait_for_load_state()


def _format_violation(violation: dict[str, Any], max_nodes: int = 3) -> str:
    nodes = violation.get("nodes", [])
    targets = [", ".join(str(t) for t in node.get("target", [])) for node in nodes[:max_nodes]]
    more = f" (+{len(nodes) - max_nodes} more)" if len(nodes) > max_nodes else ""
    return (
        f"- {violation['id']} [{violation.get('impact')}]: {violation.get('help')}\n"
        f"    {violation.get('helpUrl', '')}\n"
        f"    nodes: {'; '.join(targets)}{more}"
    )


def assert_accessible(page: Page, context: str = "") -> None:
    """Run axe-core on the current page; fail listing every serious or critical violation."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        where = f"{context} ({page.url})" if context else page.url
        listing = "\n".join(_format_violation(v) for v in blocking)
        raise AssertionError(
            f"{len(blocking)} serious/critical accessibility violation(s) on {where}:\n{listing}"
        )
