"""Moving through a page with the keyboard only, checking each stop: the focus moved in document
order (forwards with Tab, backwards with Shift+Tab), it is visible (`:focus-visible` with an outline)
and the focused element is on the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: What the focused element is, where it is relative to the previous stop, and whether one sees it.
_STOP = """() => {
  const el = document.activeElement;
  const last = window.__keyboardLast;
  window.__keyboardLast = el;
  let order = "start";
  if (last && last.isConnected) {
    if (last === el) { order = "same"; }
    else {
      const position = last.compareDocumentPosition(el);
      order = position & Node.DOCUMENT_POSITION_FOLLOWING ? "forward"
        : position & Node.DOCUMENT_POSITION_PRECEDING ? "backward" : "other";
    }
  }
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const option = el.tagName === "SELECT" && el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : "";
  return {
    tag: el.tagName.toLowerCase(), type: (el.getAttribute("type") || "").toLowerCase(),
    name: el.getAttribute("name") || "", id: el.id || "", value: el.value || "", checked: !!el.checked,
    text: (el.innerText || "").trim().slice(0, 80), option: option, classes: el.className || "",
    inputmode: el.getAttribute("inputmode") || "", order: order,
    visible: (el.matches(":focus-visible") || el.matches("input[type=date]:focus-within"))
      && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) > 0,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth,
    top: box.top + scrollY,
  };
}"""

Stop = dict[str, Any]


class Keyboard:
    """Tab, Shift+Tab and keys on `page`, every focus stop checked and kept in `stops`."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.stops: list[Stop] = []

    def restart_from(self, selector: str) -> None:
        """Order is checked from this element on (after a skip link or a new page)."""
        self.page.evaluate("s => { window.__keyboardLast = document.querySelector(s); }", selector)

    def state(self) -> Stop:
        stop: Stop = self.page.evaluate(_STOP)
        return stop

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def tab(self, *, back: bool = False) -> Stop:
        self.page.keyboard.press("Shift+Tab" if back else "Tab")
        stop = self.state()
        expected = "backward" if back else "forward"
        # A date field has a tab stop per part (day, month, year) inside the one element.
        moved_inside_date = stop["order"] == "same" and stop["type"] == "date"
        assert stop["order"] in (expected, "start") or moved_inside_date, (
            f"focus went {stop['order']}: {stop}"
        )
        assert stop["tag"] != "body", "the focus fell off the page"
        assert stop["visible"], f"no visible focus on {stop}"
        assert stop["onScreen"], f"the focused element is off the screen: {stop}"
        self.stops.append(stop)
        return stop

    def tab_until(self, wanted: Callable[[Stop], bool], most: int = 60, what: str = "") -> Stop:
        for _ in range(most):
            stop = self.tab()
            if wanted(stop):
                return stop
        raise AssertionError(f"{most} tabs did not reach {what or wanted}; last: {self.stops[-1:]}")

    def choose(self, pattern: Callable[[str], bool], most: int = 30) -> str:
        """On a focused (closed) select: the arrow keys until the chosen option fits."""
        for _ in range(most):
            option = str(self.state()["option"])
            if pattern(option):
                return option
            self.press("ArrowDown")
        raise AssertionError(f"no fitting option in the focused select; last {self.state()['option']!r}")


def named(name: str) -> Callable[[Stop], bool]:
    return lambda stop: stop["name"] == name
