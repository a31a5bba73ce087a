"""Where a self-assessment's status may move, and who moves it: pure data plus a check, tested pair by pair."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from covenants.workflow import TransitionNotAllowed
from portal.accounts.roles import Role

from .models import Assessment

S = Assessment.Status

TRANSITIONS: dict[Assessment.Status, frozenset[Assessment.Status]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.UNDER_REVIEW}),
    S.UNDER_REVIEW: frozenset({S.CHANGES_REQUESTED, S.ACCEPTED}),
    S.CHANGES_REQUESTED: frozenset({S.RESUBMITTED}),
    S.RESUBMITTED: frozenset({S.UNDER_REVIEW}),
    S.ACCEPTED: frozenset(),
}

#: The company sends; the secretariat reviews.
MOVED_BY: dict[Assessment.Status, Role] = {
    S.SUBMITTED: Role.COMPANY,
    S.RESUBMITTED: Role.COMPANY,
    S.UNDER_REVIEW: Role.SECRETARIAT,
    S.CHANGES_REQUESTED: Role.SECRETARIAT,
    S.ACCEPTED: Role.SECRETARIAT,
}


def check(from_status: str, to_status: str) -> None:
    """Raise TransitionNotAllowed unless an assessment may move from `from_status` to `to_status`."""
    current, target = S(from_status), S(to_status)
    if target not in TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("A self-assessment cannot move from “%(from)s” to “%(to)s”."),
            code="transition_not_allowed",
            params={"from": current.label, "to": target.label},
        )


def mover(to_status: str) -> Role:
    """The role that makes the move into `to_status`."""
    return MOVED_BY[S(to_status)]
