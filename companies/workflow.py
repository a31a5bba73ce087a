"""Where a location's status may move: the transition table (pure data) and its check."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import LocationStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    LocationStatus.ACTIVE: frozenset({LocationStatus.CLOSED, LocationStatus.MOVED}),
    LocationStatus.CLOSED: frozenset({LocationStatus.ACTIVE, LocationStatus.MOVED}),
    # Back from "moved" only by undoing the merge or move that put it there.
    LocationStatus.MOVED: frozenset(),
}


def check(current: str, to: str) -> None:
    """Raises ValidationError with a clear message when the move is not allowed."""
    if to not in TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            _("A location that is “%(current)s” cannot become “%(to)s”."),
            code="transition",
            params={"current": LocationStatus(current).label, "to": LocationStatus(to).label},
        )
