"""Browser end-to-end fixtures: a live server, one shared Chromium, a fresh page per test, demo data.

Playwright's own browser download cannot work here, so the tests drive Debian's Chromium. Without it
the tests are skipped locally; in CI (the CI environment variable is set) a missing browser fails.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

# Playwright's sync API runs an event loop in the main thread; Django's ORM calls made by fixtures
# (seed data, factories) would otherwise be refused as "called from an async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 900}
#: Generous enough for a cold live server, short enough that a broken page fails quickly.
DEFAULT_TIMEOUT_MS = 10_000

E2E_DIR = Path(__file__).resolve().parent


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items, not only this folder's: filter by path.
    skip = None
    if not CHROMIUM.exists() and not _in_ci():
        skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (not installed)")
    for item in items:
        if E2E_DIR not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if skip is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is required for the browser tests in CI but {CHROMIUM} is missing")
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_url(live_server, django_db_serialized_rollback) -> str:
    """The live server's base URL, without a trailing slash: f"{live_url}/nl/".

    The live server needs a transactional database, which is emptied after each test; serialized
    rollback puts the rows that migrations create (standard risk themes, ...) back for the next one.
    """
    return live_server.url.rstrip("/")


@pytest.fixture
def seeded(transactional_db) -> None:
    """The demo organisations, accounts and domain data (password "demo-pass-2026") in the test DB."""
    call_command("seed_demo", stdout=io.StringIO())
