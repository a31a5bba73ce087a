"""The default self-assessment framework, built on the OECD Due Diligence Guidance for Responsible
Business Conduct (2018): one section per sub-step of the six steps, questions in Dutch and English.
Pure data, no database: the content is the dataset `default.json` beside this module (reviewed like
code; a change is a new version of the framework for the cycles that choose it), its shape these types.

**Section weights** add up to 100, so each is that section's share of the total score in percent.
Step 3 (cease, prevent, mitigate) carries 40, as targets and actions did in the assessment framework
of the garment covenant; step 2 (identify and assess) carries 25, step 1 (embed) 15, and steps 4 to 6
(track, communicate, remediation) 20 together.

**Question weights** (0 to 10) divide a section's share among its questions. A question with weight 0
is informational and not scored; every text and number question has weight 0, for the reviewer to read.
A choice question earns the points of the chosen option (0 to 100).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, NotRequired, TypedDict, cast

AnswerType = Literal["yes_partly_no", "text", "number", "choice", "evidence"]

ANSWER_TYPES: tuple[AnswerType, ...] = ("yes_partly_no", "text", "number", "choice", "evidence")


class ChoiceData(TypedDict):
    code: str
    label_en: str
    label_nl: str
    points: int


class QuestionData(TypedDict):
    code: str
    answer_type: AnswerType
    weight: int
    required: bool
    text_en: str
    text_nl: str
    help_en: str
    help_nl: str
    min_value: NotRequired[int]
    max_value: NotRequired[int]
    unit_en: NotRequired[str]
    unit_nl: NotRequired[str]
    choices: NotRequired[list[ChoiceData]]


class SectionData(TypedDict):
    step: int
    code: str
    title_en: str
    title_nl: str
    guidance_en: str
    guidance_nl: str
    weight: int
    questions: list[QuestionData]


class FrameworkData(TypedDict):
    title_en: str
    title_nl: str
    sections: list[SectionData]


DATASET = Path(__file__).with_name("default.json")

DEFAULT_FRAMEWORK: FrameworkData = cast(FrameworkData, json.loads(DATASET.read_text(encoding="utf-8")))
