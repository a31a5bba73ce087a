"""How a self-assessment is scored: the documented rules, pure (no database).

- A **question** earns points from 0 to 100: *yes* 100, *partly* 50, *no* 0; a *choice* the points of
  the chosen option; an *evidence* question 100 when a file is attached; *text* and *number* questions
  are not scored (their weight is 0 in the default framework; the reviewer reads them). An unanswered
  question earns 0.
- A **section** scores the weighted average of its scored questions (weight 0 questions left out);
  a section without scored questions has no computed score and the reviewer gives one.
- The **total** is the weighted average of the section scores by the sections' weights (in the default
  framework step 3, targets and actions, carries 40%).

The secretariat's reviewer sees the computed section scores as proposals and may adjust each one,
with a reason; the total is then computed from the adjusted scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

YES_PARTLY_NO_POINTS = {"yes": 100, "partly": 50, "no": 0}


@dataclass(frozen=True)
class QuestionRule:
    code: str
    section: str
    answer_type: str
    weight: int
    choice_points: Mapping[str, int]


@dataclass(frozen=True)
class GivenAnswer:
    choice: str = ""
    has_evidence: bool = False


def question_points(rule: QuestionRule, answer: GivenAnswer | None) -> int | None:
    """0-100 for a scored question, None for one that is not scored."""
    if rule.weight == 0 or rule.answer_type in ("text", "number"):
        return None
    if answer is None:
        return 0
    if rule.answer_type == "yes_partly_no":
        return YES_PARTLY_NO_POINTS.get(answer.choice, 0)
    if rule.answer_type == "choice":
        return int(rule.choice_points.get(answer.choice, 0))
    if rule.answer_type == "evidence":
        return 100 if answer.has_evidence else 0
    return None


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def section_scores(
    rules: Iterable[QuestionRule], answers: Mapping[str, GivenAnswer]
) -> dict[str, Decimal | None]:
    """The computed score of every section (by code), or None where nothing in it is scored."""
    earned: dict[str, Decimal] = {}
    weights: dict[str, int] = {}
    for rule in rules:
        weights.setdefault(rule.section, 0)
        earned.setdefault(rule.section, Decimal(0))
        points = question_points(rule, answers.get(rule.code))
        if points is None:
            continue
        earned[rule.section] += Decimal(points * rule.weight)
        weights[rule.section] += rule.weight
    return {code: (_rounded(earned[code] / weights[code]) if weights[code] else None) for code in weights}


def total_score(scores: Mapping[str, Decimal | None], section_weights: Mapping[str, int]) -> Decimal | None:
    """The weighted average of the sections that have a score; None when none has."""
    weighted = [(score, section_weights[code]) for code, score in scores.items() if score is not None]
    weight = sum(w for _score, w in weighted)
    if not weight:
        return None
    return _rounded(sum((score * w for score, w in weighted), Decimal(0)) / weight)
