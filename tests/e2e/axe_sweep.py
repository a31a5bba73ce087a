"""axe-core on a loaded page at phone and desktop width: the script is injected once, the viewport
resized and axe run again, so a page is loaded once for both widths. Only serious and critical
findings are returned (see helpers.BLOCKING_IMPACTS)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .helpers import BLOCKING_IMPACTS, _axe, _format_violation

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
WIDTHS = (PHONE, DESKTOP)
#: A sweep loads some two hundred pages one after another: one slow answer on a busy machine (the
#: live server shares it with the browser) must not fail the run, a page that never loads still does.
NAVIGATION_TIMEOUT_MS = 30_000
#: The header's "Menu" button shows below 48rem.
PHONE_MENU = "summary.site-menu__button"

_LOADED = "() => typeof window.axe !== 'undefined'"
_RUN = "() => axe.run(document, {resultTypes: ['violations']})"
#: Two animation frames: the layout of the new width is done before axe reads it.
_SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _inject(page: Page) -> None:
    if not page.evaluate(_LOADED):
        page.evaluate(_axe.axe_script)


def _findings(page: Page, label: str) -> list[str]:
    violations: list[dict[str, Any]] = page.evaluate(_RUN)["violations"]
    return [f"{label}\n{_format_violation(v)}" for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def check_both_widths(page: Page, label: str) -> list[str]:
    """The serious and critical findings on the current page, at its width and then at the other."""
    _inject(page)
    current = page.viewport_size
    order = sorted(WIDTHS, key=lambda size: size != current)
    findings: list[str] = []
    for size in order:
        if page.viewport_size != size:
            page.set_viewport_size(size)
            page.evaluate(_SETTLE)
        findings += _findings(page, f"{size['width']}px {label}")
    return findings


def check_phone_menu(page: Page, label: str) -> list[str]:
    """The phone header with its menu opened (its links and buttons are checked too), then closed."""
    _inject(page)
    if page.viewport_size != PHONE:
        page.set_viewport_size(PHONE)
        page.evaluate(_SETTLE)
    menu = page.locator(PHONE_MENU)
    menu.click()
    page.locator("details.site-menu[open]").wait_for()
    findings = _findings(page, f"{PHONE['width']}px {label}, menu open")
    menu.click()
    return findings
