"""Charts drawn on the server as SVG geometry (no JavaScript), one implementation for the pages and the
PDF reports. `components/bar_chart.html` draws a bar chart with its title and text summary; the page
puts the table of its numbers beside it. Bars are one dark colour with their value written at the end,
so nothing depends on colour and the chart prints in black and white."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 170
MAX_LABEL_WIDTH = 330
#: Roughly the width of one character of a label at the chart's font size (13), with room to spare.
CHAR_WIDTH = 8
BAR_AREA = 360
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int


def bar_chart(items: Sequence[tuple[str, int]]) -> BarChart:
    """Bars scaled to the largest value; every bar at least 2 pixels wide, so a 1 is still visible."""
    largest = max((value for _label, value in items), default=0) or 1
    longest = max((len(label) for label, _value in items), default=0)
    label_width = min(MAX_LABEL_WIDTH, max(LABEL_WIDTH, CHAR_WIDTH * longest + 16))
    bars = []
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(2, round(BAR_AREA * value / largest))
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=label_width + width + 6,
            )
        )
    height = GAP + len(items) * (BAR_HEIGHT + GAP)
    return BarChart(
        bars=bars, width=label_width + BAR_AREA + VALUE_WIDTH, height=height, label_width=label_width
    )
