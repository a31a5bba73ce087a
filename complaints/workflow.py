"""Where a complaint case may move, and who moves it: pure data plus a check, tested pair by pair.

received -> acknowledged -> admissibility review -> inadmissible (closed, with reasons) | admissible ->
respondent's reply -> mediation -> settled | hearing -> ruling -> follow-up of compliance -> closed.
Mediation is voluntary: after the reply the committee may go straight to a hearing, and a mediation
that fails goes to a hearing. An unfounded ruling closes the case without follow-up. The complainant
(or the secretariat on its behalf) may withdraw from any open stage.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from covenants.workflow import TransitionNotAllowed

from .status import FINAL, CaseStatus

S = CaseStatus


class Mover(StrEnum):
    SECRETARIAT = "secretariat"
    COMMITTEE = "committee"
    COMPLAINANT = "complainant"


_forward: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED}),
    S.ACKNOWLEDGED: frozenset({S.ADMISSIBILITY}),
    S.ADMISSIBILITY: frozenset({S.INADMISSIBLE, S.ADMISSIBLE}),
    S.ADMISSIBLE: frozenset({S.REPLY}),
    S.REPLY: frozenset({S.MEDIATION, S.HEARING}),
    S.MEDIATION: frozenset({S.SETTLED, S.HEARING}),
    S.HEARING: frozenset({S.RULING}),
    S.RULING: frozenset({S.FOLLOW_UP, S.CLOSED}),
    S.FOLLOW_UP: frozenset({S.CLOSED}),
}

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    status: frozenset() if status in FINAL else _forward[status] | {S.WITHDRAWN} for status in S
}

#: One writer per status: the secretariat runs intake, the committee decides, the complainant withdraws.
MOVED_BY: dict[CaseStatus, frozenset[Mover]] = {
    S.ACKNOWLEDGED: frozenset({Mover.SECRETARIAT}),
    S.ADMISSIBILITY: frozenset({Mover.SECRETARIAT}),
    S.INADMISSIBLE: frozenset({Mover.COMMITTEE}),
    S.ADMISSIBLE: frozenset({Mover.COMMITTEE}),
    S.REPLY: frozenset({Mover.COMMITTEE}),
    S.MEDIATION: frozenset({Mover.COMMITTEE}),
    S.SETTLED: frozenset({Mover.COMMITTEE}),
    S.HEARING: frozenset({Mover.COMMITTEE}),
    S.RULING: frozenset({Mover.COMMITTEE}),
    S.FOLLOW_UP: frozenset({Mover.COMMITTEE}),
    S.CLOSED: frozenset({Mover.COMMITTEE}),
    S.WITHDRAWN: frozenset({Mover.COMPLAINANT, Mover.SECRETARIAT}),
}

#: Moves that need a reason recorded with them (shown to the parties).
NEEDS_REASON = frozenset({S.INADMISSIBLE, S.SETTLED, S.WITHDRAWN})


def check(from_status: str, to_status: str) -> None:
    """Raise TransitionNotAllowed unless a case may move from `from_status` to `to_status`."""
    current, target = S(from_status), S(to_status)
    if target not in TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("A complaint cannot move from “%(from)s” to “%(to)s”."),
            code="transition_not_allowed",
            params={"from": current.label, "to": target.label},
        )


def movers(to_status: str) -> frozenset[Mover]:
    """Who may make the move into `to_status`."""
    return MOVED_BY.get(S(to_status), frozenset())
