"""The complaint workflow pair by pair: every (from, to) pair is either in the table or refused, the
finals are final, withdrawal is open from every open stage, and each move has its writer."""

from __future__ import annotations

import itertools

import pytest

from complaints import workflow
from complaints.status import FINAL, CaseStatus, is_open, stage_of
from covenants.models import ComplaintStage
from covenants.workflow import TransitionNotAllowed

S = CaseStatus
M = workflow.Mover

ALLOWED = {
    (S.RECEIVED, S.ACKNOWLEDGED),
    (S.ACKNOWLEDGED, S.ADMISSIBILITY),
    (S.ADMISSIBILITY, S.INADMISSIBLE),
    (S.ADMISSIBILITY, S.ADMISSIBLE),
    (S.ADMISSIBLE, S.REPLY),
    (S.REPLY, S.MEDIATION),
    (S.REPLY, S.HEARING),
    (S.MEDIATION, S.SETTLED),
    (S.MEDIATION, S.HEARING),
    (S.HEARING, S.RULING),
    (S.RULING, S.FOLLOW_UP),
    (S.RULING, S.CLOSED),
    (S.FOLLOW_UP, S.CLOSED),
} | {(status, S.WITHDRAWN) for status in S if status not in FINAL}


@pytest.mark.parametrize(("source", "target"), list(itertools.product(S, S)))
def test_every_pair_is_allowed_exactly_when_the_table_says(source, target):
    if (source, target) in ALLOWED:
        workflow.check(source, target)
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            workflow.check(source, target)
        assert str(source.label) in str(refused.value.messages[0])


def test_final_statuses_are_final_and_every_open_one_can_end():
    assert {S.INADMISSIBLE, S.SETTLED, S.CLOSED, S.WITHDRAWN} == FINAL
    for status in S:
        assert bool(workflow.TRANSITIONS[status]) == is_open(status)


def test_each_move_has_its_writer():
    assert workflow.movers(S.ACKNOWLEDGED) == {M.SECRETARIAT}
    assert workflow.movers(S.ADMISSIBLE) == {M.COMMITTEE}
    assert workflow.movers(S.HEARING) == {M.COMMITTEE}
    assert workflow.movers(S.WITHDRAWN) == {M.COMPLAINANT, M.SECRETARIAT}
    assert workflow.movers(S.RECEIVED) == frozenset()  # nobody moves a case back to "received"
    for source, target in ALLOWED:
        assert workflow.movers(target), f"nobody may move {source} -> {target}"


def test_each_open_status_runs_the_time_frame_of_its_stage():
    assert stage_of(S.RECEIVED) == ComplaintStage.INTAKE
    assert stage_of(S.ADMISSIBILITY) == ComplaintStage.ADMISSIBILITY
    assert stage_of(S.REPLY) == ComplaintStage.REPLY
    assert stage_of(S.RULING) == ComplaintStage.RULING
    assert stage_of(S.FOLLOW_UP) == ComplaintStage.FOLLOW_UP
    assert all(stage_of(status) is None for status in FINAL)
    assert all(stage_of(status) is not None for status in S if status not in FINAL)
