"""The accessibility sweep (tests/e2e/test_accessibility.py) opens every page that each column of the
permission matrix may open, or says why not: a new page fails here until it is swept or excluded
with a reason (see tests/e2e/sweep_pages.py for how the pages are derived)."""

from __future__ import annotations

from django.utils import translation

from portal.access_check import url_patterns
from tests.e2e.sweep_pages import PAGES, required_pages, stale_entries, unswept
from tests.permission_matrix import COLUMNS


def test_every_page_a_column_may_open_is_swept_or_excluded_with_a_reason() -> None:
    required = required_pages()
    missing = [f"{column}: {name}" for column in COLUMNS for name in unswept(column, required[column])]
    assert not missing, (
        "Pages the accessibility sweep does not open: add them to PAGES in tests/e2e/sweep_pages.py "
        "(with demo objects in tests/e2e/sweep_demo.py), or to EXCLUDED/SHARED/ELSEWHERE with the "
        "reason:\n" + "\n".join(missing)
    )


def test_the_sweep_names_only_urls_that_exist_and_covers_every_column() -> None:
    with translation.override("en"):
        names = [route.name for route in url_patterns()]
    assert not stale_entries(names), f"no such URL any more: {stale_entries(names)}"
    assert set(PAGES) == set(COLUMNS)


def test_the_derivation_finds_pages_that_a_role_opens_and_skips_what_is_not_a_page() -> None:
    required = required_pages()
    assert "duediligence:assessment" in required["company"]  # own objects: granted by the view's roles
    assert "complaints:case" in required["secretariat"]  # a public view that shows it more
    assert "complaints:file" not in required["ngo"]  # the same page as for a visitor: swept there
    assert "covenants:membership-decide" not in required["secretariat"]  # POST only
    assert "enquiries:assign" not in required["secretariat"]  # GET answers 405
    assert "accounts:pending" in required["pending"]
