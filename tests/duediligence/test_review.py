"""The secretariat's review: computed scores proposed, adjusted only with a reason, feedback per answer
seen by the company once decided, request changes and accept with the total; the page for nobody else."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from duediligence import services
from duediligence.models import Assessment, Question, SectionScore
from portal.accounts.roles import Role
from tests.factories import user_with_role

from .test_services import _answer_everything

pytestmark = pytest.mark.django_db
S = Assessment.Status


@pytest.fixture
def submitted(cycle: Any, company: Any) -> Assessment:
    assessment = services.assessment_start(actor=company, cycle=cycle)
    _answer_everything(company, assessment)
    return services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.SUBMITTED)


def test_starting_the_review_proposes_the_computed_score_of_every_section(submitted, secretariat):
    services.review_start(actor=secretariat, assessment_id=submitted.pk)
    rows = SectionScore.objects.filter(assessment=submitted)
    assert rows.count() == 14
    # Everything answered "yes" or the best choice, evidence attached: full marks where something is scored.
    assert {row.proposed for row in rows} == {Decimal("100.00")}
    assert services.review_total(submitted) == Decimal("100.00")


def test_an_adjusted_score_needs_a_reason_and_stays_on_the_scale(submitted, secretariat):
    services.review_start(actor=secretariat, assessment_id=submitted.pk)
    row = SectionScore.objects.filter(assessment=submitted).first()
    with pytest.raises(ValidationError) as bad:
        services.section_score_set(
            actor=secretariat, assessment_id=submitted.pk, section_id=row.section_id, score="60"
        )
    assert "reason" in bad.value.message_dict
    with pytest.raises(ValidationError) as bad:
        services.section_score_set(
            actor=secretariat, assessment_id=submitted.pk, section_id=row.section_id, score="120", reason="x"
        )
    assert "score" in bad.value.message_dict
    services.section_score_set(actor=secretariat, assessment_id=submitted.pk, section_id=row.section_id,
                               score="60", reason="The policy is not public.")  # fmt: skip
    assert services.review_total(submitted) < Decimal(100)


def test_changes_requested_then_accepted_and_the_company_sees_the_feedback_in_place(
    submitted, company, secretariat, client_for
):
    question = Question.objects.filter(section__framework=submitted.framework).first()
    services.review_start(actor=secretariat, assessment_id=submitted.pk)
    services.question_feedback_set(
        actor=secretariat, assessment_id=submitted.pk, question_id=question.pk, text="Name the themes."
    )
    step = reverse("duediligence:assessment-step", args=[submitted.pk, question.section.step])
    assert "Name the themes." not in client_for(company).get(step).content.decode()  # not before the decision
    with pytest.raises(ValidationError):
        services.review_decide(actor=secretariat, assessment_id=submitted.pk, accept=False)
    services.review_decide(
        actor=secretariat, assessment_id=submitted.pk, accept=False, note="Add your targets."
    )
    assert "Name the themes." in client_for(company).get(step).content.decode()
    services.assessment_transition(actor=company, assessment_id=submitted.pk, to=S.RESUBMITTED)
    services.review_start(actor=secretariat, assessment_id=submitted.pk)
    done = services.review_decide(
        actor=secretariat, assessment_id=submitted.pk, accept=True, note="Well done."
    )
    assert (done.status, done.score) == (S.ACCEPTED, Decimal("100.00"))


def test_the_review_page_keeps_what_was_typed_on_an_error(submitted, secretariat, client_for):
    services.review_start(actor=secretariat, assessment_id=submitted.pk)
    row = SectionScore.objects.filter(assessment=submitted).first()
    client = client_for(secretariat)
    url = reverse("duediligence:assessment-review", args=[submitted.pk])
    response = client.post(url, {f"s{row.section_id}_score": "55", f"s{row.section_id}_reason": "", "decision": "accept",
                                 "note": "Typed overall feedback"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert 'value="55"' in page and "Typed overall feedback" in page
    submitted.refresh_from_db()
    assert submitted.status == S.UNDER_REVIEW
    response = client.post(url, {f"s{row.section_id}_score": "55", f"s{row.section_id}_reason": "No targets yet.",
                                 "decision": "accept", "note": ""})  # fmt: skip
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == S.ACCEPTED and submitted.score < Decimal(100)


def test_what_changed_between_two_submissions_is_listed(submitted, company, secretariat):
    services.review_start(actor=secretariat, assessment_id=submitted.pk)
    services.review_decide(actor=secretariat, assessment_id=submitted.pk, accept=False, note="Explain 1.1.a.")
    question = Question.objects.get(section__framework=submitted.framework, code="1.1.a")
    answer = submitted.answers.get(question=question)
    services.answer_save(actor=company, assessment_id=submitted.pk, question_id=question.pk, version=answer.version,
                         choice="partly", text="Being revised.")  # fmt: skip
    services.assessment_transition(actor=company, assessment_id=submitted.pk, to=S.RESUBMITTED)
    changes = services.submission_changes(submitted)
    assert [code for code, _before, _after in changes] == ["1.1.a"]
    assert changes[0][1]["choice"] == "yes" and changes[0][2]["choice"] == "partly"


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.COMMITTEE])
def test_only_the_secretariat_reviews(submitted, client_for, role, company):
    users = [company, user_with_role(role)] if role == Role.COMPANY else [user_with_role(role)]
    for user in users:
        url = reverse("duediligence:assessment-review", args=[submitted.pk])
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url, {"decision": "start"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
