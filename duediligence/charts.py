"""The severity x likelihood matrix of a risk register, drawn on the server as SVG geometry (no
JavaScript); the template ``duediligence/_risk_matrix.html`` draws it, with a table of the same numbers.

Pure: no database. The caller counts the risks per (severity, likelihood) cell; the band of each cell
comes from the priority table in :mod:`duediligence.priority`, never from a second copy of it.

Colour is never the only carrier: each cell writes its count and its band as text, and each band has
its own border (solid, long dash, short dash, dots), so the matrix still reads when printed in black
and white. The fills are light enough for black text. Fill, border and dash are SVG attributes rather
than CSS, so a PDF (which does not apply the page's stylesheet to an inline SVG) looks the same as the
page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext, ngettext

from .priority import Level, Likelihood, Priority, priority

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import StrOrPromise

PAD = 8
AXIS_TITLE_WIDTH = 28
ROW_LABEL_WIDTH = 100
CELL_WIDTH = 140
CELL_HEIGHT = 64
#: Space between two cells, so each cell's border (and its dash) stays its own.
CELL_GAP = 6
SWATCH_WIDTH = 24
SWATCH_HEIGHT = 16

SCALE = (1, 2, 3, 4)
GRID_X = PAD + AXIS_TITLE_WIDTH + ROW_LABEL_WIDTH
GRID_Y = PAD
GRID_WIDTH = len(SCALE) * CELL_WIDTH
GRID_HEIGHT = len(SCALE) * CELL_HEIGHT
LEGEND_Y = GRID_Y + GRID_HEIGHT + 64


@dataclass(frozen=True)
class BandStyle:
    """How a band is drawn: a light fill for black text, and a border of its own for black and white."""

    fill: str
    stroke: str
    stroke_width: int
    dash: str


#: Most urgent first: the thickest border, solid; then long dashes, short dashes, dots.
BAND_STYLES: dict[Priority, BandStyle] = {
    Priority.CRITICAL: BandStyle(fill="#f6c9c4", stroke="#7a1414", stroke_width=4, dash="none"),
    Priority.HIGH: BandStyle(fill="#fbdcbf", stroke="#7a3d00", stroke_width=3, dash="10 5"),
    Priority.MEDIUM: BandStyle(fill="#fcefb8", stroke="#5c4a00", stroke_width=2, dash="4 4"),
    Priority.LOW: BandStyle(fill="#dcecdf", stroke="#1d4d2a", stroke_width=2, dash="2 4"),
}
#: The text colour on every fill (the portal's ink).
INK = "#1b1f24"


def css_class(band: Priority) -> str:
    return f"risk-cell risk-cell--{band.value}"


@dataclass(frozen=True)
class Point:
    x: int
    y: int


@dataclass(frozen=True)
class AxisLabel:
    """A row label (a severity level) or a column label (a likelihood), with where its text goes."""

    value: int
    label: StrOrPromise
    x: int
    y: int


@dataclass(frozen=True)
class MatrixCell:
    severity: int
    likelihood: int
    severity_label: StrOrPromise
    likelihood_label: StrOrPromise
    count: int
    band: Priority
    band_label: StrOrPromise
    style: BandStyle
    css_class: str
    x: int
    y: int
    width: int
    height: int
    #: Where the count goes (centred on text_x).
    text_x: int
    text_y: int
    #: Where the band's short label goes, under the count.
    band_y: int


@dataclass(frozen=True)
class BandCount:
    """One entry of the legend: a band, how many risks it holds, and where its swatch goes."""

    band: Priority
    label: StrOrPromise
    count: int
    style: BandStyle
    css_class: str
    x: int
    y: int
    width: int
    height: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class RiskMatrix:
    #: Severity 4 (very high) at the top down to 1 (low); in each row likelihood 1 (unlikely) to 4.
    rows: tuple[tuple[MatrixCell, ...], ...]
    #: The severity levels, top to bottom, beside the rows.
    row_labels: tuple[AxisLabel, ...]
    #: The likelihoods, left to right, under the columns.
    column_labels: tuple[AxisLabel, ...]
    #: The legend, most urgent band first.
    bands: tuple[BandCount, ...]
    width: int
    height: int
    grid_x: int
    grid_y: int
    grid_width: int
    grid_height: int
    #: The centre of the vertical axis title (severity), drawn turned a quarter to the left.
    severity_title: Point
    #: The centre of the horizontal axis title (likelihood).
    likelihood_title: Point
    #: The end of the legend's title (text-anchor end).
    legend_title: Point
    ink: str = INK

    @property
    def cells(self) -> tuple[MatrixCell, ...]:
        return tuple(cell for row in self.rows for cell in row)

    @property
    def total(self) -> int:
        return sum(item.count for item in self.bands)

    def band_count(self, band: Priority) -> int:
        return next(item.count for item in self.bands if item.band == band)

    @property
    def summary(self) -> str:
        """One sentence with the counts per band, in the language active when it is read."""
        total = self.total
        if not total:
            return gettext("No risks recorded.")
        return ngettext(
            "%(total)s risk: %(critical)s critical, %(high)s high, %(medium)s medium, %(low)s low.",
            "%(total)s risks: %(critical)s critical, %(high)s high, %(medium)s medium, %(low)s low.",
            total,
        ) % {
            "total": total,
            "critical": self.band_count(Priority.CRITICAL),
            "high": self.band_count(Priority.HIGH),
            "medium": self.band_count(Priority.MEDIUM),
            "low": self.band_count(Priority.LOW),
        }


def _checked_counts(counts: Mapping[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """The counts, every key a real cell and every value a whole number of at least 0: a risk with an
    unknown severity or likelihood is an error, not something to leave out of the picture quietly."""
    checked: dict[tuple[int, int], int] = {}
    for key, count in counts.items():
        severity, likelihood = key
        if severity not in SCALE or likelihood not in SCALE:
            raise ValueError(f"severity and likelihood must be 1 to 4, not {key!r}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"the count of {key!r} must be a whole number of at least 0, not {count!r}")
        checked[(severity, likelihood)] = count
    return checked


def _cell(severity: int, likelihood: int, count: int) -> MatrixCell:
    # priority() takes the highest of its three severity scales, so one level three times is that level.
    band = priority(severity, severity, severity, likelihood)
    slot_x = GRID_X + (likelihood - 1) * CELL_WIDTH
    slot_y = GRID_Y + (len(SCALE) - severity) * CELL_HEIGHT
    return MatrixCell(
        severity=severity,
        likelihood=likelihood,
        severity_label=Level(severity).label,
        likelihood_label=Likelihood(likelihood).label,
        count=count,
        band=band,
        band_label=band.label,
        style=BAND_STYLES[band],
        css_class=css_class(band),
        x=slot_x + CELL_GAP // 2,
        y=slot_y + CELL_GAP // 2,
        width=CELL_WIDTH - CELL_GAP,
        height=CELL_HEIGHT - CELL_GAP,
        text_x=slot_x + CELL_WIDTH // 2,
        text_y=slot_y + 31,
        band_y=slot_y + 50,
    )


def risk_matrix(counts: Mapping[tuple[int, int], int]) -> RiskMatrix:
    """The matrix of a register: ``counts`` maps (severity 1-4, likelihood 1-4) to the number of risks
    in that cell; a missing cell holds none."""
    checked = _checked_counts(counts)
    rows = tuple(
        tuple(_cell(severity, likelihood, checked.get((severity, likelihood), 0)) for likelihood in SCALE)
        for severity in reversed(SCALE)
    )
    row_labels = tuple(
        AxisLabel(
            value=severity,
            label=Level(severity).label,
            x=GRID_X - 10,
            y=GRID_Y + (len(SCALE) - severity) * CELL_HEIGHT + CELL_HEIGHT // 2 + 5,
        )
        for severity in reversed(SCALE)
    )
    column_labels = tuple(
        AxisLabel(
            value=likelihood,
            label=Likelihood(likelihood).label,
            x=GRID_X + (likelihood - 1) * CELL_WIDTH + CELL_WIDTH // 2,
            y=GRID_Y + GRID_HEIGHT + 20,
        )
        for likelihood in SCALE
    )
    per_band = dict.fromkeys(Priority, 0)
    for row in rows:
        for cell in row:
            per_band[cell.band] += cell.count
    bands = tuple(
        BandCount(
            band=band,
            label=band.label,
            count=per_band[band],
            style=BAND_STYLES[band],
            css_class=f"risk-legend risk-legend--{band.value}",
            x=GRID_X + index * CELL_WIDTH + CELL_GAP // 2,
            y=LEGEND_Y,
            width=SWATCH_WIDTH,
            height=SWATCH_HEIGHT,
            text_x=GRID_X + index * CELL_WIDTH + CELL_GAP // 2 + SWATCH_WIDTH + 8,
            text_y=LEGEND_Y + 13,
        )
        for index, band in enumerate(Priority)
    )
    return RiskMatrix(
        rows=rows,
        row_labels=row_labels,
        column_labels=column_labels,
        bands=bands,
        width=GRID_X + GRID_WIDTH + PAD,
        height=LEGEND_Y + SWATCH_HEIGHT + PAD + 4,
        grid_x=GRID_X,
        grid_y=GRID_Y,
        grid_width=GRID_WIDTH,
        grid_height=GRID_HEIGHT,
        severity_title=Point(x=PAD + AXIS_TITLE_WIDTH // 2 + 4, y=GRID_Y + GRID_HEIGHT // 2),
        likelihood_title=Point(x=GRID_X + GRID_WIDTH // 2, y=GRID_Y + GRID_HEIGHT + 44),
        legend_title=Point(x=GRID_X - 10, y=LEGEND_Y + 13),
    )
