"""The risk matrix: cells placed by severity and likelihood, bands by the documented priority table,
and a template whose picture and table carry the same numbers without relying on colour."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from duediligence.charts import RiskMatrix, risk_matrix
from duediligence.priority import Priority, priority

TEMPLATE = "duediligence/_risk_matrix.html"

#: The table of docs in duediligence/priority.py, written out again: rows severity 4 to 1, columns
#: likelihood 1 to 4.
C, H, M, L = Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW
EXPECTED_BANDS = {
    4: (H, C, C, C),
    3: (M, H, H, C),
    2: (L, M, M, H),
    1: (L, L, L, M),
}
#: A different count in every cell (11 to 26), so a number in the wrong place shows.
EVERY_CELL = {
    (severity, likelihood): 10 + (severity - 1) * 4 + likelihood
    for severity in range(1, 5)
    for likelihood in range(1, 5)
}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node] = []
        self.texts: list[str] = []

    @property
    def text(self) -> str:
        parts = list(self.texts)
        return " ".join(" ".join([*parts, *(child.text for child in self.children)]).split())

    def find_all(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if child.tag == tag:
                found.append(child)
            found += child.find_all(tag)
        return found

    def find(self, tag: str) -> Node:
        found = self.find_all(tag)
        assert found, f"no <{tag}>"
        return found[0]


class Tree(HTMLParser):
    """Just enough of a DOM for the include (it has no void HTML elements)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.root = Node("root", {})
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].texts.append(data)


def render(matrix: RiskMatrix, language: str = "en", **context) -> str:
    with translation.override(language):
        return render_to_string(TEMPLATE, {"matrix": matrix, **context})


def by_id(tree: Tree) -> dict[str, Node]:
    found: dict[str, Node] = {}

    def walk(node: Node) -> None:
        for child in node.children:
            if child.attrs.get("id"):
                assert child.attrs["id"] not in found, f"id {child.attrs['id']} twice"
                found[str(child.attrs["id"])] = child
            walk(child)

    walk(tree.root)
    return found


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# --- geometry and bands ------------------------------------------------------------------------


def test_rows_run_from_very_high_severity_at_the_top_and_columns_from_unlikely_on_the_left() -> None:
    matrix = risk_matrix({})
    assert [row[0].severity for row in matrix.rows] == [4, 3, 2, 1]
    for row in matrix.rows:
        assert [cell.likelihood for cell in row] == [1, 2, 3, 4]
        assert len({cell.severity for cell in row}) == 1
        xs = [cell.x for cell in row]
        assert xs == sorted(xs) and len(set(xs)) == 4
        assert len({cell.y for cell in row}) == 1
    ys = [row[0].y for row in matrix.rows]
    assert ys == sorted(ys) and len(set(ys)) == 4  # SVG y grows downwards: very high is on top
    assert [str(label.label) for label in matrix.row_labels] == ["very high", "high", "medium", "low"]
    assert [str(label.label) for label in matrix.column_labels] == [
        "unlikely",
        "possible",
        "likely",
        "very likely",
    ]
    for label, row in zip(matrix.row_labels, matrix.rows, strict=True):
        assert row[0].y < label.y < row[0].y + row[0].height
    for label, cell in zip(matrix.column_labels, matrix.rows[-1], strict=True):
        assert cell.x < label.x < cell.x + cell.width and label.y > cell.y + cell.height


def test_cells_fit_in_the_picture_and_do_not_overlap() -> None:
    matrix = risk_matrix(EVERY_CELL)
    cells = matrix.cells
    assert len(cells) == 16
    for cell in cells:
        assert cell.x >= 0 and cell.x + cell.width <= matrix.width
        assert cell.y >= 0 and cell.y + cell.height <= matrix.height
        assert cell.x < cell.text_x < cell.x + cell.width
        assert cell.y < cell.text_y < cell.band_y < cell.y + cell.height
    for one in cells:
        for other in cells:
            if one is not other:
                apart = (
                    one.x + one.width <= other.x
                    or other.x + other.width <= one.x
                    or one.y + one.height <= other.y
                    or other.y + other.height <= one.y
                )
                assert apart, (one.severity, one.likelihood, other.severity, other.likelihood)
    for item in matrix.bands:
        assert item.y > matrix.grid_y + matrix.grid_height
        assert item.x + item.width < item.text_x and item.y + item.height <= matrix.height


@pytest.mark.parametrize("severity", [4, 3, 2, 1])
@pytest.mark.parametrize("likelihood", [1, 2, 3, 4])
def test_each_cell_has_its_count_and_the_band_of_the_documented_table(severity: int, likelihood: int) -> None:
    matrix = risk_matrix(EVERY_CELL)
    cell = matrix.rows[4 - severity][likelihood - 1]
    assert (cell.severity, cell.likelihood) == (severity, likelihood)
    assert cell.count == EVERY_CELL[(severity, likelihood)]
    band = EXPECTED_BANDS[severity][likelihood - 1]
    assert cell.band == band == priority(severity, 1, 1, likelihood)
    assert cell.css_class == f"risk-cell risk-cell--{band.value}"
    assert str(cell.band_label) == str(band.label)


def test_a_missing_cell_holds_no_risks() -> None:
    matrix = risk_matrix({(4, 4): 2})
    assert [cell.count for cell in matrix.cells] == [0, 0, 0, 2] + [0] * 12
    assert matrix.total == 2


@pytest.mark.parametrize(
    "counts",
    [{(0, 1): 1}, {(1, 5): 1}, {(2, 2): -1}, {(2, 2): 1.5}, {(2, 2): True}],
    ids=["severity 0", "likelihood 5", "negative", "fraction", "boolean"],
)
def test_an_impossible_cell_or_count_is_an_error(counts) -> None:
    with pytest.raises(ValueError):
        risk_matrix(counts)


def test_the_matrix_cannot_be_changed() -> None:
    matrix = risk_matrix({})
    with pytest.raises(FrozenInstanceError):
        matrix.width = 1  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        matrix.rows[0][0].count = 3  # type: ignore[misc]


def test_no_two_bands_look_alike_without_colour_and_black_text_reads_on_every_fill() -> None:
    matrix = risk_matrix({})
    styles = [item.style for item in matrix.bands]
    assert len({(style.dash, style.stroke_width) for style in styles}) == 4
    ink = luminance(matrix.ink)
    for style in styles:
        contrast = (luminance(style.fill) + 0.05) / (ink + 0.05)
        assert contrast >= 7, (style.fill, contrast)
    for cell in matrix.cells:
        assert cell.style == next(item.style for item in matrix.bands if item.band == cell.band)


# --- summary and legend ------------------------------------------------------------------------


def test_summary_and_legend_count_the_risks_per_band() -> None:
    counts = {(4, 2): 2, (3, 4): 1, (3, 2): 3, (4, 1): 1, (2, 3): 3, (1, 1): 1, (1, 3): 1}
    matrix = risk_matrix(counts)
    assert [(item.band, item.count) for item in matrix.bands] == [(C, 3), (H, 4), (M, 3), (L, 2)]
    assert [str(item.label) for item in matrix.bands] == ["critical", "high", "medium", "low"]
    with translation.override("en"):
        assert matrix.summary == "12 risks: 3 critical, 4 high, 3 medium, 2 low."


def test_summary_of_one_risk_and_of_none() -> None:
    with translation.override("en"):
        assert risk_matrix({(1, 4): 1}).summary == "1 risk: 0 critical, 0 high, 1 medium, 0 low."
        assert risk_matrix({}).summary == "No risks recorded."
        assert risk_matrix({(2, 2): 0}).summary == "No risks recorded."


def test_every_cell_counts_in_the_band_of_its_table_entry() -> None:
    matrix = risk_matrix(EVERY_CELL)
    expected = dict.fromkeys(Priority, 0)
    for (severity, likelihood), count in EVERY_CELL.items():
        expected[EXPECTED_BANDS[severity][likelihood - 1]] += count
    assert {item.band: item.count for item in matrix.bands} == expected
    assert matrix.total == sum(EVERY_CELL.values())


# --- the template ------------------------------------------------------------------------------


def test_the_svg_is_an_image_named_by_its_title_and_summary() -> None:
    matrix = risk_matrix(EVERY_CELL)
    html = render(matrix)
    tree = Tree(html)
    ids = by_id(tree)
    svg = tree.root.find("svg")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["viewbox"] == f"0 0 {matrix.width} {matrix.height}"
    title, desc = svg.find("title"), svg.find("desc")
    labelled_by = str(svg.attrs["aria-labelledby"]).split()
    assert labelled_by == [title.attrs["id"], desc.attrs["id"]]
    assert all(ids[name] in svg.children for name in labelled_by)
    assert title.text == "Risk matrix: risks by severity and likelihood"
    with translation.override("en"):
        assert desc.text == matrix.summary
    figure = tree.root.find("figure")
    assert svg in figure.children and figure.find("figcaption").text.startswith(desc.text)


def test_every_cell_writes_its_count_and_band_as_text_in_the_svg() -> None:
    matrix = risk_matrix(EVERY_CELL)
    svg = Tree(render(matrix)).root.find("svg")
    groups = [g for g in svg.find_all("g") if "risk-cell" in str(g.attrs.get("class", "")).split()]
    assert len(groups) == 16
    for group, cell in zip(groups, matrix.cells, strict=True):
        assert group.attrs["class"] == cell.css_class
        rect = group.find("rect")
        assert (rect.attrs["x"], rect.attrs["y"]) == (str(cell.x), str(cell.y))
        assert rect.attrs["stroke-dasharray"] == cell.style.dash
        assert rect.attrs["fill"] == cell.style.fill
        assert [text.text for text in group.find_all("text")] == [
            str(cell.count),
            str(cell.band.label).capitalize(),
        ]
    texts = [text.text for text in svg.find_all("text")]
    for count in EVERY_CELL.values():
        assert str(count) in texts
    for word in ("Severity", "Likelihood", "Priority", "Very high", "Low", "Unlikely", "Very likely"):
        assert word in texts
    legend = [g for g in svg.find_all("g") if "risk-legend" in str(g.attrs.get("class", "")).split()]
    assert [g.find("text").text for g in legend] == [
        f"{str(item.label).capitalize()} ({item.count})" for item in matrix.bands
    ]


def test_the_table_holds_the_same_numbers_with_its_headers() -> None:
    matrix = risk_matrix(EVERY_CELL)
    tree = Tree(render(matrix))
    ids = by_id(tree)
    table = tree.root.find("table")
    caption = table.find("caption")
    assert caption.text == "Number of risks by severity and likelihood"
    region = ids[str(caption.attrs["id"])]
    assert region is caption
    wrapper = next(
        div for div in tree.root.find_all("div") if div.attrs.get("aria-labelledby") == caption.attrs["id"]
    )
    assert wrapper.attrs["class"] == "table-scroll" and wrapper.attrs["role"] == "region"
    assert wrapper.attrs["tabindex"] == "0" and table in wrapper.children
    head = table.find("thead").find_all("tr")[-1]
    assert [(th.attrs["scope"], th.text) for th in head.find_all("th")] == [
        ("col", "Severity"),
        ("col", "Unlikely"),
        ("col", "Possible"),
        ("col", "Likely"),
        ("col", "Very likely"),
    ]
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 4
    for tr, severity, name in zip(rows, [4, 3, 2, 1], ["Very high", "High", "Medium", "Low"], strict=True):
        th = tr.find("th")
        assert (th.attrs["scope"], th.text) == ("row", name)
        cells = tr.find_all("td")
        assert len(cells) == 4
        for likelihood, td in enumerate(cells, start=1):
            number = re.match(r"\d+", td.text)
            assert number, td.text
            assert int(number.group()) == EVERY_CELL[(severity, likelihood)]
            assert str(EXPECTED_BANDS[severity][likelihood - 1].label) in td.text


def test_nothing_inline_for_the_content_security_policy() -> None:
    html = render(risk_matrix(EVERY_CELL))
    assert not re.search(r"\sstyle=[\"']", html, re.I)
    assert not re.search(r"<script\b", html, re.I)
    assert not re.search(r"<style\b", html, re.I)
    assert not re.search(r"\son[a-z]+=[\"']", html, re.I)


def test_matrix_id_keeps_two_matrices_on_one_page_apart() -> None:
    matrix = risk_matrix({(3, 3): 1})
    default = by_id(Tree(render(matrix)))
    assert {"risk-matrix-title", "risk-matrix-desc", "caption-risk-matrix"} <= set(default)
    page = render(matrix, matrix_id="matrix-2024") + render(matrix, matrix_id="matrix-2025")
    ids = by_id(Tree(page))  # fails on a repeated id
    assert {"matrix-2024-title", "matrix-2025-title", "caption-matrix-2024", "caption-matrix-2025"} <= set(
        ids
    )
    svg = Tree(render(matrix, matrix_id="matrix-2025")).root.find("svg")
    assert svg.attrs["aria-labelledby"] == "matrix-2025-title matrix-2025-desc"


def test_renders_in_dutch_with_the_same_numbers() -> None:
    matrix = risk_matrix(EVERY_CELL)
    html = render(matrix, "nl")
    tree = Tree(html)
    svg = tree.root.find("svg")
    assert svg.attrs["role"] == "img" and svg.find("title").text and svg.find("desc").text
    texts = [text.text for text in svg.find_all("text")]
    for count in EVERY_CELL.values():
        assert str(count) in texts
    assert len(tree.root.find("tbody").find_all("td")) == 16
    assert not re.search(r"\sstyle=[\"']", html, re.I)
