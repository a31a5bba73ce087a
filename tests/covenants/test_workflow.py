"""The transition tables, pair by pair: every allowed move passes, every other move is refused."""

from __future__ import annotations

from itertools import product

import pytest
from django.utils import translation

from covenants import workflow
from covenants.models import AnnualCycle, Covenant, Membership

MS = Membership.Status

ALLOWED_MEMBERSHIP_MOVES = {
    (MS.APPLIED, MS.ACTIVE),
    (MS.APPLIED, MS.REJECTED),
    (MS.ACTIVE, MS.SUSPENDED),
    (MS.ACTIVE, MS.ENDED),
    (MS.SUSPENDED, MS.ACTIVE),
    (MS.SUSPENDED, MS.ENDED),
}
ALL_MEMBERSHIP_PAIRS = list(product(MS, MS))
REFUSED_MEMBERSHIP_MOVES = [pair for pair in ALL_MEMBERSHIP_PAIRS if pair not in ALLOWED_MEMBERSHIP_MOVES]


def _id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}->{pair[1]}"


def test_the_table_lists_every_status_and_nothing_else():
    assert set(workflow.TRANSITIONS) == set(MS)
    assert {
        (a, b) for a, targets in workflow.TRANSITIONS.items() for b in targets
    } == ALLOWED_MEMBERSHIP_MOVES


@pytest.mark.parametrize("pair", sorted(ALLOWED_MEMBERSHIP_MOVES), ids=_id)
def test_allowed_membership_move_passes(pair):
    workflow.check(*pair)
    assert pair[1] in workflow.allowed(pair[0])


@pytest.mark.parametrize("pair", REFUSED_MEMBERSHIP_MOVES, ids=_id)
def test_refused_membership_move_raises_a_clear_error(pair):
    with translation.override("en"):
        with pytest.raises(workflow.TransitionNotAllowed) as excinfo:
            workflow.check(*pair)
        message = excinfo.value.messages[0]
        assert str(MS(pair[0]).label) in message and str(MS(pair[1]).label) in message
        assert message.startswith("A membership cannot move from")


@pytest.mark.parametrize("final", [MS.REJECTED, MS.ENDED])
def test_rejected_and_ended_memberships_are_final(final):
    assert workflow.allowed(final) == frozenset()


COVENANT_ALLOWED = {
    (Covenant.Status.NEGOTIATION, Covenant.Status.ACTIVE),
    (Covenant.Status.ACTIVE, Covenant.Status.ENDED),
}


@pytest.mark.parametrize("pair", list(product(Covenant.Status, Covenant.Status)), ids=_id)
def test_covenant_moves_pair_by_pair(pair):
    if pair in COVENANT_ALLOWED:
        workflow.check_covenant(*pair)
    else:
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.check_covenant(*pair)


CYCLE_ALLOWED = {
    (AnnualCycle.Status.PLANNED, AnnualCycle.Status.OPEN),
    (AnnualCycle.Status.OPEN, AnnualCycle.Status.CLOSED),
}


@pytest.mark.parametrize("pair", list(product(AnnualCycle.Status, AnnualCycle.Status)), ids=_id)
def test_cycle_moves_pair_by_pair(pair):
    if pair in CYCLE_ALLOWED:
        workflow.check_cycle(*pair)
    else:
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.check_cycle(*pair)


def test_transition_error_is_a_validation_error_so_forms_can_show_it():
    from django.core.exceptions import ValidationError

    assert issubclass(workflow.TransitionNotAllowed, ValidationError)
