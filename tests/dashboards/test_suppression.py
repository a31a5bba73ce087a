"""The disclosure rule of the government dashboard: small cells suppressed, and a second cell too where
the total would give the first one away."""

from portal.dashboards.suppression import suppress


def test_small_cells_are_suppressed_and_zeros_kept():
    row = suppress({"draft": 0, "submitted": 5, "accepted": 7}, limit=3)
    assert row.cells == {"draft": 0, "submitted": 5, "accepted": 7} and row.total == 12
    row = suppress({"draft": 1, "submitted": 2, "accepted": 7}, limit=3)
    assert row.cells == {"draft": None, "submitted": None, "accepted": 7} and row.total == 10


def test_a_lone_suppressed_cell_cannot_be_subtracted_from_the_total():
    row = suppress({"draft": 1, "submitted": 4, "accepted": 9}, limit=3)
    assert row.cells == {"draft": None, "submitted": None, "accepted": 9}
    assert row.total == 14  # 14 - 9 = 5 could be 1 + 4, 2 + 3 ...: neither cell is given away


def test_with_nothing_else_to_hide_the_total_goes_too():
    row = suppress({"draft": 2, "accepted": 0}, limit=3)
    assert row.cells == {"draft": None, "accepted": 0} and row.total is None
