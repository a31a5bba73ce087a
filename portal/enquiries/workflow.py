"""Where an enquiry's status may move (pure data), and the check the services call."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Enquiry

Status = Enquiry.Status

#: The moves each action may make; assigning again keeps an enquiry "assigned".
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset({Status.ASSIGNED, Status.ANSWERED, Status.CLOSED}),
    Status.ASSIGNED: frozenset({Status.ASSIGNED, Status.ANSWERED, Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def allowed(current: str, to: str) -> bool:
    return to in TRANSITIONS.get(current, frozenset())


def check(current: str, to: str) -> None:
    """Raise a ValidationError with a clear message when the move is not allowed."""
    if not allowed(current, to):
        raise ValidationError(
            _("An enquiry that is %(current)s cannot be %(to)s.")
            % {"current": Status(current).label.lower(), "to": Status(to).label.lower()}
        )
