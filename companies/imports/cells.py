"""Formula injection: a cell that starts with = + - @ (or a tab or carriage return) is a formula to
Excel and LibreOffice. Uploaded values are stored as the text they are; every export passes each
value through ``safe_cell`` so such text is shown, never run."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def safe_cell(value: object) -> object:
    """``value`` as it may go into a CSV or spreadsheet export: text that a spreadsheet would read
    as a formula gets a leading single quote; numbers, dates and other text pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_text(value: object) -> str:
    """``safe_cell`` for writers that need text (CSV): None becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return str(safe_cell(value))
    return str(value)
