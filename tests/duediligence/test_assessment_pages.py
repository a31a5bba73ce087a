"""The self-assessment pages: start, fill a step and save as you go, errors and conflicts that lose
nothing, submit with the incomplete answers listed, and nobody else's assessment."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from covenants.models import AnnualCycle
from duediligence import services
from duediligence.assessment_forms import field_names
from duediligence.models import Answer, Assessment, Question
from portal.accounts.roles import Role
from tests.covenants.factories import AnnualCycleFactory
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(cycle: AnnualCycle, company: Any) -> Assessment:
    return services.assessment_start(actor=company, cycle=cycle)


def _step_url(assessment: Assessment, step: int = 1) -> str:
    return reverse("duediligence:assessment-step", args=[assessment.pk, step])


def _question(assessment: Assessment, kind: str, step: int = 1) -> Question:
    question = Question.objects.filter(
        section__framework=assessment.framework, section__step=step, answer_type=kind
    ).first()
    assert question is not None, (kind, step)
    return question


def test_a_company_starts_its_self_assessment_from_the_list(cycle, company, client_for):
    client = client_for(company)
    page = client.get(reverse("duediligence:assessments")).content.decode()
    assert "Start the self-assessment" in page and cycle.covenant.name in page
    response = client.post(reverse("duediligence:assessment-start", args=[cycle.pk]), {"carry_over": "on"})
    assessment = Assessment.objects.get(company=company.organisation)
    assert response["Location"] == reverse("duediligence:assessment", args=[assessment.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Progress per step" in detail and "Identify and assess adverse impacts" in detail
    assert "Start the self-assessment" not in client.get(reverse("duediligence:assessments")).content.decode()


def test_answers_are_saved_step_by_step(assessment, company, client_for):
    client = client_for(company)
    question = _question(assessment, "yes_partly_no")
    names = field_names(question)
    response = client.post(
        _step_url(assessment), {names["choice"]: "partly", names["text"]: "Adopted in 2025.", "continue": "1"}
    )
    assert response.status_code == 302 and response["Location"] == _step_url(assessment, 2)
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.choice, answer.text, answer.version) == ("partly", "Adopted in 2025.", 1)
    page = client.get(_step_url(assessment)).content.decode()
    assert "Adopted in 2025." in page


def test_a_bad_number_is_shown_at_its_field_and_nothing_typed_is_lost(assessment, company, client_for):
    client = client_for(company)
    number = _question(assessment, "number", step=_step_of(assessment, "number"))
    other = (
        Question.objects.filter(section__framework=assessment.framework, section__step=number.section.step)
        .exclude(answer_type="number")
        .first()
    )
    data = {
        field_names(number)["number"]: "250",
        field_names(number)["text"]: "Our estimate, still rough.",
        "save": "1",
    }
    data[field_names(other)["text"]] = "Kept and saved."
    response = client.post(_step_url(assessment, number.section.step), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Enter a number from 0 to 100." in page
    assert 'value="250"' in page and "Our estimate, still rough." in page
    assert not Answer.objects.filter(question=number).exists()
    assert Answer.objects.get(question=other).text == "Kept and saved."


def _step_of(assessment: Assessment, kind: str) -> int:
    return Question.objects.filter(section__framework=assessment.framework, answer_type=kind).values_list(
        "section__step", flat=True
    )[0]


def test_two_tabs_on_one_answer_show_both_and_overwrite_nothing(assessment, company, client_for):
    client = client_for(company)
    question = _question(assessment, "yes_partly_no")
    names = field_names(question)
    client.post(
        _step_url(assessment),
        {names["choice"]: "yes", names["text"]: "From the first tab", names["version"]: ""},
    )
    # The second tab was opened before the first one saved: its form has no version yet.
    response = client.post(
        _step_url(assessment),
        {names["choice"]: "no", names["text"]: "From the second tab", names["version"]: ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed elsewhere" in page and "From the first tab" in page and "From the second tab" in page
    assert Answer.objects.get(question=question).text == "From the first tab"
    # Having seen both, saving again keeps the second tab's answer.
    version = Answer.objects.get(question=question).version
    client.post(
        _step_url(assessment),
        {names["choice"]: "no", names["text"]: "From the second tab", names["version"]: str(version)},
    )
    assert Answer.objects.get(question=question).text == "From the second tab"


def test_submitting_lists_what_is_incomplete_with_links(assessment, company, client_for):
    client = client_for(company)
    response = client.post(reverse("duediligence:assessment-submit", args=[assessment.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "required answers are not complete yet" in page
    first = Question.objects.filter(section__framework=assessment.framework, required=True).order_by(
        "section__step", "section__position", "position"
    )[0]
    assert f"#question-{first.pk}" in page
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.COMMITTEE, Role.TRADE_UNION])
def test_nobody_else_sees_the_assessment(assessment, client_for, role):
    client = client_for(user_with_role(role))
    assert client.get(reverse("duediligence:assessment", args=[assessment.pk])).status_code == 404
    assert client.get(_step_url(assessment)).status_code == 404


def test_another_company_gets_404_and_the_secretariat_reads_but_does_not_write(
    assessment, client_for, secretariat
):
    stranger = client_for(user_with_role(Role.COMPANY))
    for url in (reverse("duediligence:assessment", args=[assessment.pk]), _step_url(assessment)):
        assert stranger.get(url).status_code == 404
    assert stranger.post(reverse("duediligence:assessment-submit", args=[assessment.pk])).status_code == 404
    reader = client_for(secretariat)
    page = reader.get(_step_url(assessment))
    assert page.status_code == 200 and "Save and continue" not in page.content.decode()
    question = _question(assessment, "yes_partly_no")
    assert reader.post(_step_url(assessment), {field_names(question)["choice"]: "no"}).status_code == 404
    assert not Answer.objects.exists()


def _framework_with(secretariat: Any, covenant: Any, questions: int) -> Any:
    data = {
        "title_nl": "Proef",
        "title_en": "Trial",
        "sections": [
            {
                "step": 1, "code": "1.1", "title_nl": "Beleid", "title_en": "Policy", "weight": 1,
                "questions": [
                    {"code": f"1.1.{n}", "answer_type": ["yes_partly_no", "choice", "number", "text"][n % 4],
                     "weight": 1, "required": True, "text_nl": f"Vraag {n}", "text_en": f"Question {n}",
                     "min_value": 0, "max_value": 10,
                     "choices": [{"code": "a", "label_nl": "A", "label_en": "A", "points": 0},
                                 {"code": "b", "label_nl": "B", "label_en": "B", "points": 100}]}
                    for n in range(questions)
                ],
            }
        ],
    }  # fmt: skip
    framework = services.framework_create_from_data(actor=secretariat, covenant=covenant, data=data)
    return services.framework_publish(actor=secretariat, framework_id=framework.pk)


def test_a_step_answers_in_the_same_number_of_queries_with_4_and_100_questions(
    company, secretariat, client_for
):
    client = client_for(company)
    counts = []
    for year, size in ((2026, 4), (2027, 100)):
        AnnualCycle.objects.filter(covenant=company.membership.covenant).update(
            status=AnnualCycle.Status.CLOSED
        )
        cycle = AnnualCycleFactory(
            covenant=company.membership.covenant, year=year, status=AnnualCycle.Status.OPEN
        )
        services.cycle_framework_set(
            actor=secretariat, cycle=cycle, framework=_framework_with(secretariat, cycle.covenant, size)
        )
        assessment = services.assessment_start(actor=company, cycle=cycle)
        for question in Question.objects.filter(section__framework=assessment.framework)[: size // 2]:
            services.answer_save(
                actor=company, assessment_id=assessment.pk, question_id=question.pk, version=None, text="x"
            )
        client.get(_step_url(assessment))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_step_url(assessment))
        assert response.status_code == 200
        assert response.content.decode().count('class="question"') == size
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
