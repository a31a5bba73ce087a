"""Schemathesis on the due-diligence API: generated requests (valid and invalid) for every operation, as
the public, a company, the secretariat and an NGO, and the real objects of each (a company's own
self-assessment with its answers, risk, action and progress; another company's assessment under
review) called on purpose. No server error, only documented status codes and content types, and every
response matches its schema. Derandomized like the covenants API's run."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from duediligence import services
from duediligence.models import Assessment, Question
from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from portal.wsgi import application
from tests.companies.factories import SupplyLinkFactory
from tests.covenants.factories import MembershipFactory
from tests.covenants.test_api_schema import CHECKS, call_as_everyone
from tests.factories import user_with_role

from .test_risk_pages import PDF, _action, _risk
from .test_services import _answer_everything

schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(
    path_regex=r"^/api/v1/(assessments|assessment-cycles|risks|actions)/"
)

OPERATIONS = {
    ("/api/v1/assessments/", "get"): "assessments_list",
    ("/api/v1/assessment-cycles/", "get"): "assessment_cycles_list",
    ("/api/v1/assessment-cycles/{id}/start/", "post"): "assessment_cycles_start",
    ("/api/v1/assessments/{id}/", "get"): "assessments_retrieve",
    ("/api/v1/assessments/{id}/questions/", "get"): "assessments_questions_list",
    ("/api/v1/assessments/{id}/answers/", "post"): "assessments_answers_create",
    ("/api/v1/assessments/{id}/answers/{question_id}/", "put"): "assessments_answers_update",
    ("/api/v1/assessments/{id}/submit/", "post"): "assessments_submit",
    ("/api/v1/assessments/{id}/review/", "get"): "assessments_review_retrieve",
    ("/api/v1/assessments/{id}/review/start/", "post"): "assessments_review_start",
    ("/api/v1/assessments/{id}/review/sections/{section_id}/", "put"): "assessments_review_section_score",
    ("/api/v1/assessments/{id}/review/feedback/{question_id}/", "put"): "assessments_review_feedback",
    ("/api/v1/assessments/{id}/review/decide/", "post"): "assessments_review_decide",
    ("/api/v1/risks/", "get"): "risks_list",
    ("/api/v1/risks/create/", "post"): "risks_create",
    ("/api/v1/risks/{id}/", "get"): "risks_retrieve",
    ("/api/v1/risks/{id}/", "patch"): "risks_update",
    ("/api/v1/actions/", "get"): "actions_list",
    ("/api/v1/actions/create/", "post"): "actions_create",
    ("/api/v1/actions/{id}/", "get"): "actions_retrieve",
    ("/api/v1/actions/{id}/", "patch"): "actions_update",
    ("/api/v1/actions/{id}/progress/", "get"): "actions_progress_list",
    ("/api/v1/actions/{id}/progress/create/", "post"): "actions_progress_create",
}


@pytest.fixture
def world(
    db: Any, company: Any, cycle: Any, secretariat: Any, settings: Any, tmp_path: Any
) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path
    assessment = services.assessment_start(actor=company, cycle=cycle)
    question = Question.objects.filter(section__framework=assessment.framework, answer_type="number").first()
    assert question is not None
    services.answer_save(actor=company, assessment_id=assessment.pk, question_id=question.pk,
                         version=None, number="40", text="Of our suppliers.")  # fmt: skip
    link = SupplyLinkFactory(company=company.organisation)
    risk = _risk(company, locations=[link.location])
    action = _action(company, risk)
    services.action_progress_add(actor=company, action_id=action.pk, on=timezone.localdate(), note="Begun",
                                 percentage=30, evidence=SimpleUploadedFile("audit.pdf", PDF))  # fmt: skip
    # Another company's self-assessment, under review with a score and feedback.
    other = user_with_role(Role.COMPANY)
    MembershipFactory(company=other.organisation, covenant=cycle.covenant, active=True)
    reviewed = services.assessment_start(actor=other, cycle=cycle)
    _answer_everything(other, reviewed)
    services.assessment_transition(actor=other, assessment_id=reviewed.pk, to=Assessment.Status.SUBMITTED)
    services.review_start(actor=secretariat, assessment_id=reviewed.pk)
    section = reviewed.framework.sections.order_by("pk").first()
    assert section is not None
    services.section_score_set(actor=secretariat, assessment_id=reviewed.pk, section_id=section.pk,
                               score="50", reason="Half of it.")  # fmt: skip
    services.question_feedback_set(actor=secretariat, assessment_id=reviewed.pk, question_id=question.pk,
                                   text="Name the suppliers.")  # fmt: skip
    tokens = {
        role: api_token_create(user=user, name="schema test")[1]
        for role, user in [
            ("company", company),
            ("secretariat", secretariat),
            ("ngo", user_with_role(Role.NGO)),
        ]
    }
    return SimpleNamespace(assessment=assessment, question=question, risk=risk, action=action,
                           reviewed=reviewed, section=section, tokens=tokens)  # fmt: skip


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    # Calls go straight to the WSGI app: keep Django from closing the test transaction's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_endpoints_are_in_the_schema_with_their_statuses(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    ours = {
        (path, method)
        for path, item in paths.items()
        if path.startswith(("/api/v1/assessment", "/api/v1/risks/", "/api/v1/actions/"))
        for method in item
    }
    assert ours == set(OPERATIONS)
    for (path, method), operation_id in OPERATIONS.items():
        operation = paths[path][method]
        assert operation["operationId"] == operation_id
        assert {"403", "404"} <= set(operation["responses"]), (path, method)
    for path in ("/api/v1/assessments/{id}/answers/", "/api/v1/assessments/{id}/answers/{question_id}/"):
        method = "post" if path.endswith("answers/") else "put"
        assert {"200", "201", "400", "409"} <= set(paths[path][method]["responses"])
        assert "multipart/form-data" in paths[path][method]["requestBody"]["content"]
    submit = paths["/api/v1/assessments/{id}/submit/"]["post"]["responses"]["400"]
    assert submit["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/SubmitError"}


def _calls(w: SimpleNamespace) -> list[tuple[str, str, dict[str, Any], Any, str]]:
    """(method, path, path parameters, body, whose token) for the real objects."""
    a, r = w.assessment.pk, w.reviewed.pk
    return [
        ("GET", "/api/v1/assessments/", {}, None, "company"),
        ("GET", "/api/v1/assessments/", {}, None, "secretariat"),
        ("GET", "/api/v1/assessments/{id}/", {"id": a}, None, "company"),
        ("GET", "/api/v1/assessments/{id}/", {"id": r}, None, "secretariat"),
        ("GET", "/api/v1/assessments/{id}/questions/", {"id": a}, None, "company"),
        ("PUT", "/api/v1/assessments/{id}/answers/{question_id}/", {"id": a, "question_id": w.question.pk},
         {"version": 1, "number": "55.5"}, "company"),
        ("PUT", "/api/v1/assessments/{id}/answers/{question_id}/", {"id": a, "question_id": w.question.pk},
         {"version": 1, "number": "60"}, "company"),  # a conflict now: 409 with the stored answer
        ("POST", "/api/v1/assessments/{id}/submit/", {"id": a}, None, "company"),  # 400 with the list
        ("GET", "/api/v1/assessments/{id}/review/", {"id": r}, None, "secretariat"),
        ("PUT", "/api/v1/assessments/{id}/review/sections/{section_id}/", {"id": r, "section_id": w.section.pk},
         {"score": "70", "reason": "Better."}, "secretariat"),
        ("PUT", "/api/v1/assessments/{id}/review/feedback/{question_id}/", {"id": r, "question_id": w.question.pk},
         {"text": ""}, "secretariat"),
        ("POST", "/api/v1/assessments/{id}/review/decide/", {"id": r}, {"decision": "accept"}, "secretariat"),
        ("GET", "/api/v1/risks/", {}, None, "company"),
        ("GET", "/api/v1/risks/{id}/", {"id": w.risk.pk}, None, "secretariat"),
        ("PATCH", "/api/v1/risks/{id}/", {"id": w.risk.pk}, {"likelihood": 1, "countries": ["VN"]}, "company"),
        ("GET", "/api/v1/actions/", {}, None, "secretariat"),
        ("GET", "/api/v1/actions/{id}/", {"id": w.action.pk}, None, "company"),
        ("PATCH", "/api/v1/actions/{id}/", {"id": w.action.pk}, {"owner": "Sourcing lead"}, "company"),
        ("GET", "/api/v1/actions/{id}/progress/", {"id": w.action.pk}, None, "company"),
    ]  # fmt: skip


def test_the_real_objects_answer_as_the_schema_says(world):
    statuses = []
    for method, path, parameters, body, who in _calls(world):
        operation = schema[path][method]
        case = operation.Case(
            path_parameters=parameters,
            **({} if body is None else {"body": body, "media_type": "application/json"}),
        )
        response = case.call_and_validate(
            headers={"Authorization": f"Token {world.tokens[who]}"}, checks=CHECKS
        )
        statuses.append(response.status_code)
    assert statuses == [200] * 5 + [200, 409, 400] + [200] * 11


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_duediligence_api_conforms_to_its_schema(case, world):
    call_as_everyone(case, world.tokens)
