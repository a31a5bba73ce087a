"""Rules of the code base that a reviewer would otherwise have to remember."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ["portal", "covenants", "companies", "duediligence", "complaints", "tests", "bench"]
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(
        path
        for folder in CODE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_the_rule_sees_the_code_base() -> None:
    modules = _modules()
    assert len(modules) > 50
    assert ROOT / "covenants" / "services" / "memberships.py" in modules


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{path.relative_to(ROOT)} has {lines} lines: split it into a package along its sections "
        "(docs/adr/0004-module-layout.md)"
    )
