"""The documented rules, on worked examples: the workflow pair by pair, priority and scoring."""

from __future__ import annotations

from decimal import Decimal
from itertools import product

import pytest

from covenants.workflow import TransitionNotAllowed
from duediligence import workflow
from duediligence.models import Assessment
from duediligence.priority import Priority, priority, priority_rank, severity
from duediligence.scoring import GivenAnswer, QuestionRule, question_points, section_scores, total_score

S = Assessment.Status
ALLOWED = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.UNDER_REVIEW),
    (S.UNDER_REVIEW, S.CHANGES_REQUESTED),
    (S.UNDER_REVIEW, S.ACCEPTED),
    (S.CHANGES_REQUESTED, S.RESUBMITTED),
    (S.RESUBMITTED, S.UNDER_REVIEW),
}


@pytest.mark.parametrize(("source", "target"), list(product(S, S)))
def test_each_pair_of_statuses_is_allowed_exactly_as_the_table_says(source, target):
    if (source, target) in ALLOWED:
        workflow.check(source, target)
    else:
        with pytest.raises(TransitionNotAllowed):
            workflow.check(source, target)


def test_the_company_sends_and_the_secretariat_reviews():
    assert {workflow.mover(t) for t in (S.SUBMITTED, S.RESUBMITTED)} == {"company"}
    assert {workflow.mover(t) for t in (S.UNDER_REVIEW, S.CHANGES_REQUESTED, S.ACCEPTED)} == {"secretariat"}


@pytest.mark.parametrize(
    ("scales", "likelihood", "actual", "expected"),
    [
        # Child labour found at a supplier: grave, few children, hard to put right; it has happened.
        ((4, 2, 4), 1, True, Priority.CRITICAL),
        # Any one very high scale makes an impact severe, even when it is unlikely.
        ((1, 4, 1), 1, False, Priority.HIGH),
        ((1, 4, 1), 2, False, Priority.CRITICAL),
        # Overtime above the legal limit, widespread, possible.
        ((2, 3, 1), 2, False, Priority.HIGH),
        ((2, 2, 2), 3, False, Priority.MEDIUM),
        ((1, 1, 1), 3, False, Priority.LOW),
        ((1, 1, 1), 4, False, Priority.MEDIUM),
    ],
)
def test_priority_follows_the_documented_table(scales, likelihood, actual, expected):
    assert priority(*scales, likelihood, actual=actual) == expected


def test_severity_is_the_highest_scale_and_ranks_sort_most_urgent_first():
    assert severity(1, 4, 2) == 4
    critical = priority_rank(4, 4, 4, 4)
    high = priority_rank(4, 1, 1, 1)
    broader = priority_rank(3, 3, 3, 2)
    narrower = priority_rank(3, 1, 1, 2)
    assert critical > high > broader > narrower
    with pytest.raises(ValueError):
        priority(0, 1, 1, 1)


def _rule(code: str, kind: str, weight: int = 1, section: str = "1.1", **points: int) -> QuestionRule:
    return QuestionRule(code=code, section=section, answer_type=kind, weight=weight, choice_points=points)


def test_questions_earn_points_by_their_type():
    assert question_points(_rule("a", "yes_partly_no"), GivenAnswer("partly")) == 50
    assert question_points(_rule("a", "yes_partly_no"), None) == 0
    assert question_points(_rule("a", "choice", yearly=100, never=0), GivenAnswer("yearly")) == 100
    assert question_points(_rule("a", "evidence"), GivenAnswer(has_evidence=True)) == 100
    assert question_points(_rule("a", "text", weight=0), GivenAnswer(choice="x")) is None
    assert question_points(_rule("a", "number", weight=3), GivenAnswer()) is None


def test_sections_and_total_are_weighted_averages():
    rules = [
        _rule("1.1.a", "yes_partly_no", weight=3),  # yes: 100 x 3
        _rule("1.1.b", "yes_partly_no", weight=1),  # no: 0 x 1
        _rule("3.2.a", "choice", weight=2, section="3.2", ad_hoc=40, yearly=100),  # 40 x 2
        _rule("3.2.b", "text", weight=0, section="3.2"),
        _rule("5.1.a", "text", weight=0, section="5.1"),  # nothing scored: the reviewer scores it
    ]
    answers = {"1.1.a": GivenAnswer("yes"), "1.1.b": GivenAnswer("no"), "3.2.a": GivenAnswer("ad_hoc")}
    scores = section_scores(rules, answers)
    assert scores == {"1.1": Decimal("75.00"), "3.2": Decimal("40.00"), "5.1": None}
    # Section weights 60 and 40: (75 x 60 + 40 x 40) / 100.
    assert total_score(scores, {"1.1": 60, "3.2": 40, "5.1": 10}) == Decimal("61.00")
    assert total_score({"5.1": None}, {"5.1": 10}) is None
