"""The default assessment framework's content is complete and consistent. Pure: no database."""

from __future__ import annotations

from collections import Counter

from duediligence.frameworks.default import (
    ANSWER_TYPES,
    DEFAULT_FRAMEWORK,
    QuestionData,
    SectionData,
)

SECTIONS: list[SectionData] = DEFAULT_FRAMEWORK["sections"]
QUESTIONS: list[tuple[SectionData, QuestionData]] = [(s, q) for s in SECTIONS for q in s["questions"]]

#: The sub-steps of the OECD Due Diligence Guidance that the framework covers, one section each.
EXPECTED_SECTION_CODES = {
    "1.1",
    "1.2",
    "1.3",
    "2.1",
    "2.2",
    "2.3",
    "3.1",
    "3.2",
    "3.3",
    "4.1",
    "5.1",
    "5.2",
    "6.1",
    "6.2",
}
NUMBER_KEYS = ("min_value", "max_value", "unit_en", "unit_nl")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def test_framework_has_a_title_in_both_languages():
    assert DEFAULT_FRAMEWORK["title_en"].strip()
    assert DEFAULT_FRAMEWORK["title_nl"].strip()


def test_every_step_has_a_section():
    steps = {s["step"] for s in SECTIONS}
    assert steps == {1, 2, 3, 4, 5, 6}


def test_sections_are_the_oecd_sub_steps_in_order():
    codes = [s["code"] for s in SECTIONS]
    assert len(codes) == len(set(codes)), Counter(codes).most_common(3)
    assert set(codes) == EXPECTED_SECTION_CODES
    assert codes == sorted(codes)
    for section in SECTIONS:
        assert section["code"].startswith(f"{section['step']}."), section["code"]


def test_question_codes_are_unique_and_start_with_their_section_code():
    codes = [q["code"] for _, q in QUESTIONS]
    assert len(codes) == len(set(codes)), Counter(codes).most_common(3)
    for section, question in QUESTIONS:
        assert question["code"].startswith(section["code"] + "."), question["code"]
        assert len(question["code"]) > len(section["code"]) + 1, question["code"]


def test_sections_have_two_to_four_questions_and_the_framework_30_to_40():
    for section in SECTIONS:
        assert 2 <= len(section["questions"]) <= 4, section["code"]
    assert 30 <= len(QUESTIONS) <= 40


def test_titles_guidance_and_texts_are_filled_in_both_languages():
    for section in SECTIONS:
        for key in ("title_en", "title_nl", "guidance_en", "guidance_nl"):
            assert section[key].strip(), (section["code"], key)
    for _, question in QUESTIONS:
        assert question["text_en"].strip(), question["code"]
        assert question["text_nl"].strip(), question["code"]
        assert isinstance(question["help_en"], str), question["code"]
        assert isinstance(question["help_nl"], str), question["code"]
        # A hint is optional, but then in neither language: one without the other is a missing translation.
        assert bool(question["help_en"]) == bool(question["help_nl"]), question["code"]
        for choice in question.get("choices", []):
            assert choice["label_en"].strip(), (question["code"], choice["code"])
            assert choice["label_nl"].strip(), (question["code"], choice["code"])


def test_answer_types_are_known_and_each_used_at_least_twice():
    used = Counter(q["answer_type"] for _, q in QUESTIONS)
    assert set(used) <= set(ANSWER_TYPES), set(used) - set(ANSWER_TYPES)
    for answer_type in ANSWER_TYPES:
        assert used[answer_type] >= 2, answer_type
    assert used.most_common(1)[0][0] == "yes_partly_no"


def test_weights_are_in_range():
    for section in SECTIONS:
        assert _is_int(section["weight"]), section["code"]
        assert section["weight"] > 0, section["code"]
        assert any(q["weight"] > 0 for q in section["questions"]), f"{section['code']} scores nothing"
    for _, question in QUESTIONS:
        assert _is_int(question["weight"]), question["code"]
        assert 0 <= question["weight"] <= 10, question["code"]
        assert isinstance(question["required"], bool), question["code"]


def test_text_and_number_questions_are_not_scored():
    # The scoring rules give text and number answers no points; the reviewer reads them.
    for _, question in QUESTIONS:
        if question["answer_type"] in ("text", "number"):
            assert question["weight"] == 0, question["code"]


def test_number_questions_have_a_range_and_a_unit():
    for _, question in QUESTIONS:
        if question["answer_type"] == "number":
            low, high = question.get("min_value"), question.get("max_value")
            assert _is_int(low), question["code"]
            assert _is_int(high), question["code"]
            assert low is not None and high is not None and low < high, question["code"]
            assert question.get("unit_en", "").strip(), question["code"]
            assert question.get("unit_nl", "").strip(), question["code"]
        else:
            for key in NUMBER_KEYS:
                assert key not in question, (question["code"], key)


def test_choice_questions_have_valid_choices():
    for _, question in QUESTIONS:
        if question["answer_type"] != "choice":
            assert "choices" not in question, question["code"]
            continue
        choices = question.get("choices", [])
        codes = [c["code"] for c in choices]
        assert len(choices) >= 2, question["code"]
        assert len(codes) == len(set(codes)), question["code"]
        assert all(c.strip() for c in codes), question["code"]
        points = [c["points"] for c in choices]
        assert all(_is_int(p) and 0 <= p <= 100 for p in points), (question["code"], points)
        assert 100 in points, f"{question['code']}: no choice scores full points"
        assert 0 in points, f"{question['code']}: no choice scores zero"


def test_step_weights_follow_the_garment_covenant():
    total = sum(s["weight"] for s in SECTIONS)
    per_step = Counter[int]()
    for section in SECTIONS:
        per_step[section["step"]] += section["weight"]
    share = {step: 100 * weight / total for step, weight in per_step.items()}
    # Targets and actions carried 40% of the score in the garment covenant's assessment framework.
    assert abs(share[3] - 40) <= 0.5, share
    assert abs(share[2] - 25) <= 2.5, share
    assert abs(share[1] - 15) <= 2.5, share
    assert abs(share[4] + share[5] + share[6] - 20) <= 2.5, share
