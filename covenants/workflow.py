"""Where statuses may move: pure data plus a check function, tested pair by pair.

Rejected and ended memberships are final: history is never rewritten, so a company that wants to
(re)join applies again, which creates a new membership.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AnnualCycle, Covenant, Membership

MS = Membership.Status

TRANSITIONS: dict[Membership.Status, frozenset[Membership.Status]] = {
    MS.APPLIED: frozenset({MS.ACTIVE, MS.REJECTED}),
    MS.ACTIVE: frozenset({MS.SUSPENDED, MS.ENDED}),
    MS.SUSPENDED: frozenset({MS.ACTIVE, MS.ENDED}),
    MS.REJECTED: frozenset(),
    MS.ENDED: frozenset(),
}

COVENANT_TRANSITIONS: dict[Covenant.Status, frozenset[Covenant.Status]] = {
    Covenant.Status.NEGOTIATION: frozenset({Covenant.Status.ACTIVE}),
    Covenant.Status.ACTIVE: frozenset({Covenant.Status.ENDED}),
    Covenant.Status.ENDED: frozenset(),
}

CYCLE_TRANSITIONS: dict[AnnualCycle.Status, frozenset[AnnualCycle.Status]] = {
    AnnualCycle.Status.PLANNED: frozenset({AnnualCycle.Status.OPEN}),
    AnnualCycle.Status.OPEN: frozenset({AnnualCycle.Status.CLOSED}),
    AnnualCycle.Status.CLOSED: frozenset(),
}


class TransitionNotAllowed(ValidationError):
    """A status move that the table does not allow. A ValidationError, so forms and the API show it."""


def _check(table: Mapping[Any, frozenset[Any]], from_status: str, to_status: str, message: Any) -> None:
    choices = type(next(iter(table)))
    current, target = choices(from_status), choices(to_status)
    if target not in table[current]:
        raise TransitionNotAllowed(
            message,
            code="transition_not_allowed",
            params={"from": current.label, "to": target.label},
        )


def check(from_status: str, to_status: str) -> None:
    """Raise TransitionNotAllowed unless a membership may move from `from_status` to `to_status`."""
    _check(TRANSITIONS, from_status, to_status, _("A membership cannot move from “%(from)s” to “%(to)s”."))


def check_covenant(from_status: str, to_status: str) -> None:
    """Raise TransitionNotAllowed unless a covenant may move from `from_status` to `to_status`."""
    _check(
        COVENANT_TRANSITIONS,
        from_status,
        to_status,
        _("A covenant cannot move from “%(from)s” to “%(to)s”."),
    )


def check_cycle(from_status: str, to_status: str) -> None:
    """Raise TransitionNotAllowed unless an annual cycle may move from `from_status` to `to_status`."""
    _check(
        CYCLE_TRANSITIONS,
        from_status,
        to_status,
        _("An annual cycle cannot move from “%(from)s” to “%(to)s”."),
    )


def allowed(from_status: str) -> frozenset[Membership.Status]:
    """The statuses a membership may move to next (for showing only the actions that can work)."""
    return TRANSITIONS[MS(from_status)]
