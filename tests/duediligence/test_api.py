"""The due-diligence API: a company reads, starts, answers and submits its own self-assessment (a save
from an older copy is a 409 that overwrites nothing, bad values are 400s at their field, an incomplete
submission lists what is missing), keeps its risk register and action plan with progress and evidence;
the secretariat reads every company's, reviews and decides, and changes no company data; another
company's ids and every other role get 404; the lists cost the same number of queries at two sizes."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from covenants.models import AnnualCycle
from duediligence import services
from duediligence.models import Action, ActionProgress, Answer, Assessment, Question, Risk
from portal.accounts.roles import Role
from tests.companies.factories import SupplyLinkFactory
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory
from tests.factories import user_with_role

from .test_risk_pages import PDF, _action, _risk
from .test_services import _answer_everything

pytestmark = pytest.mark.django_db
API = "/api/v1"
S = Assessment.Status
NOT_A_PDF = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 an executable"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assessment(cycle: AnnualCycle, company: Any) -> Assessment:
    return services.assessment_start(actor=company, cycle=cycle)


@pytest.fixture
def other(cycle: AnnualCycle) -> Any:
    """Another company of the same covenant with an answer, a risk, an action and a progress entry."""
    user = user_with_role(Role.COMPANY)
    MembershipFactory(company=user.organisation, covenant=cycle.covenant, active=True)
    user.assessment = services.assessment_start(actor=user, cycle=cycle)
    user.question = _question(user.assessment)
    services.answer_save(actor=user, assessment_id=user.assessment.pk, question_id=user.question.pk,
                         version=None, choice="no", text="Not yet.")  # fmt: skip
    user.risk = _risk(user)
    user.action = _action(user, user.risk)
    services.action_progress_add(
        actor=user, action_id=user.action.pk, on=timezone.localdate(), note="Started.", percentage=10
    )
    return user


def _question(assessment: Assessment, kind: str = "yes_partly_no") -> Question:
    question = Question.objects.filter(section__framework=assessment.framework, answer_type=kind)
    return question.order_by("pk").first()  # type: ignore[return-value]


def _call(client: Any, method: str, path: str, data: Any = None) -> Any:
    if method == "GET":
        return client.get(path)
    return client.generic(method, path, json.dumps(data or {}), content_type="application/json")


def _writes(a: Assessment, question: Question, risk: Risk, action: Action) -> list[tuple[str, str, dict]]:
    today = timezone.localdate().isoformat()
    return [
        ("POST", f"assessments/{a.pk}/answers/", {"question": question.pk, "choice": "yes"}),
        ("PUT", f"assessments/{a.pk}/answers/{question.pk}/", {"version": 1, "choice": "yes"}),
        ("POST", f"assessments/{a.pk}/submit/", {}),
        ("PATCH", f"risks/{risk.pk}/", {"title": "Changed"}),
        ("PATCH", f"actions/{action.pk}/", {"title": "Changed"}),
        ("POST", f"actions/{action.pk}/progress/create/", {"on": today, "note": "x", "percentage": 90}),
    ]


def _reads(a: Assessment, risk: Risk, action: Action) -> list[str]:
    return [f"assessments/{a.pk}/", f"assessments/{a.pk}/questions/", f"risks/{risk.pk}/",
            f"actions/{action.pk}/", f"actions/{action.pk}/progress/"]  # fmt: skip


def _unchanged(user: Any) -> None:
    assert Answer.objects.get(assessment=user.assessment).version == 1
    assert Assessment.objects.get(pk=user.assessment.pk).status == S.DRAFT
    assert Risk.objects.get(pk=user.risk.pk).title == "Child labour at a spinning mill"
    assert Action.objects.get(pk=user.action.pk).title == "Audit the mill"
    assert ActionProgress.objects.filter(action=user.action).count() == 1


def test_company_reads_its_own_assessment_with_answers_progress_per_step_and_missing(
    client_for, company, assessment, other
):
    question = _question(assessment)
    services.answer_save(actor=company, assessment_id=assessment.pk, question_id=question.pk,
                         version=None, choice="yes")  # fmt: skip
    client = client_for(company)
    assert [row["id"] for row in client.get(f"{API}/assessments/").json()["results"]] == [assessment.pk]
    body = client.get(f"{API}/assessments/{assessment.pk}/").json()
    assert body["status"] == "draft" and body["company"] == company.organisation_id
    assert [(a["question"], a["choice"], a["version"]) for a in body["answers"]] == [(question.pk, "yes", 1)]
    required = Question.objects.filter(section__framework=assessment.framework, required=True).count()
    assert sum(step["total"] for step in body["steps"]) == required and len(body["steps"]) == 6
    assert sum(step["done"] for step in body["steps"]) == 1
    assert len(body["missing"]) == required - 1 and question.pk not in {
        m["question"] for m in body["missing"]
    }
    questions = client.get(f"{API}/assessments/{assessment.pk}/questions/", {"step": 1, "page_size": 200})
    assert {q["step"] for q in questions.json()["results"]} == {1}


def test_company_starts_an_assessment_for_a_startable_cycle_only(client_for, company, cycle):
    client = client_for(company)
    assert [c["id"] for c in client.get(f"{API}/assessment-cycles/").json()["results"]] == [cycle.pk]
    started = client.post(f"{API}/assessment-cycles/{cycle.pk}/start/", {}, content_type="application/json")
    assert started.status_code == 201, started.content
    assert Assessment.objects.get(pk=started.json()["id"]).company == company.organisation
    assert client.post(f"{API}/assessment-cycles/{cycle.pk}/start/").status_code == 404
    elsewhere = AnnualCycleFactory(status=AnnualCycle.Status.OPEN)
    assert client.post(f"{API}/assessment-cycles/{elsewhere.pk}/start/").status_code == 404
    assert Assessment.objects.count() == 1


def test_an_answer_is_created_then_changed_with_its_version(client_for, company, assessment):
    client, question = client_for(company), _question(assessment)
    created = _call(client, "POST", f"{API}/assessments/{assessment.pk}/answers/",
                    {"question": question.pk, "choice": "partly", "text": "In two of five units."})  # fmt: skip
    assert created.status_code == 201 and created.json()["version"] == 1
    path = f"{API}/assessments/{assessment.pk}/answers/{question.pk}/"
    changed = _call(client, "PUT", path, {"version": 1, "choice": "yes"})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert Answer.objects.get(assessment=assessment, question=question).choice == "yes"


def test_a_save_from_an_older_copy_is_409_with_the_stored_answer_and_overwrites_nothing(
    client_for, company, assessment
):
    question = _question(assessment)
    first = services.answer_save(actor=company, assessment_id=assessment.pk, question_id=question.pk,
                                 version=None, choice="partly", text="Draft")  # fmt: skip
    services.answer_save(actor=company, assessment_id=assessment.pk, question_id=question.pk,
                         version=first.version, choice="yes", text="Adopted in May.")  # fmt: skip
    client = client_for(company)
    stale = _call(client, "PUT", f"{API}/assessments/{assessment.pk}/answers/{question.pk}/",
                  {"version": 1, "choice": "no", "text": "Typed in another tab"})  # fmt: skip
    assert stale.status_code == 409
    assert stale.json()["detail"] and (
        stale.json()["stored"]["version"],
        stale.json()["stored"]["choice"],
    ) == (2, "yes")
    fresh = _call(
        client,
        "POST",
        f"{API}/assessments/{assessment.pk}/answers/",
        {"question": question.pk, "choice": "no"},
    )
    assert fresh.status_code == 409
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.version, answer.choice, answer.text) == (2, "yes", "Adopted in May.")


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("yes_partly_no", {"choice": "maybe"}, "choice"),
        ("choice", {"choice": "everything"}, "choice"),
        ("number", {"number": "101"}, "number"),
        ("number", {"number": "a lot"}, "number"),
        ("evidence", {"evidence": SimpleUploadedFile("policy.pdf", NOT_A_PDF)}, "evidence"),
        ("yes_partly_no", {"question": 999_999}, "question"),
    ],
)
def test_bad_answer_values_are_400_at_their_field(client_for, company, assessment, kind, data, field):
    data = {"question": _question(assessment, kind).pk, **data}
    response = client_for(company).post(f"{API}/assessments/{assessment.pk}/answers/", data)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_submit_with_incomplete_answers_is_400_with_the_list_then_succeeds(client_for, company, assessment):
    client = client_for(company)
    refused = client.post(f"{API}/assessments/{assessment.pk}/submit/")
    assert refused.status_code == 400
    required = Question.objects.filter(section__framework=assessment.framework, required=True)
    assert {m["question"] for m in refused.json()["missing"]} == set(required.values_list("pk", flat=True))
    assert refused.json()["non_field_errors"] and refused.json()["missing"][0]["reason"]
    assert Assessment.objects.get(pk=assessment.pk).status == S.DRAFT
    _answer_everything(company, assessment)
    sent = client.post(f"{API}/assessments/{assessment.pk}/submit/")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    question = _question(assessment)
    late = _call(client, "PUT", f"{API}/assessments/{assessment.pk}/answers/{question.pk}/", {"version": 1})
    assert late.status_code == 400 and "non_field_errors" in late.json()


def test_another_companys_ids_are_404_for_every_read_and_write_and_change_nothing(client_for, company, other):
    client = client_for(company)
    for path in _reads(other.assessment, other.risk, other.action):
        assert client.get(f"{API}/{path}").status_code == 404, path
    for method, path, data in _writes(other.assessment, other.question, other.risk, other.action):
        assert _call(client, method, f"{API}/{path}", data).status_code == 404, (method, path)
    for path in ("assessments/", "risks/", "actions/", f"actions/?risk={other.risk.pk}"):
        assert client.get(f"{API}/{path}").json()["results"] == [], path
    # An action against another company's risk: the same answer as for a made-up risk.
    data = {"title": "Audit", "owner": "Me", "due_on": "2030-01-31"}
    theirs = _call(client, "POST", f"{API}/actions/create/", {**data, "risk": other.risk.pk})
    unknown = _call(client, "POST", f"{API}/actions/create/", {**data, "risk": 999_999})
    assert theirs.status_code == unknown.status_code == 400 and theirs.json() == unknown.json()
    _unchanged(other)
    assert Action.objects.count() == 1


@pytest.mark.parametrize(
    "role", [Role.NGO, Role.TRADE_UNION, Role.GOVERNMENT, Role.COMMITTEE, Role.INDUSTRY_ASSOCIATION]
)
def test_other_roles_get_404_for_every_list_object_and_write(client_for, other, cycle, role):
    client = client_for(user_with_role(role))
    a = other.assessment
    reads = [*_reads(a, other.risk, other.action), "assessments/", "risks/", "actions/", "assessment-cycles/",
             f"assessments/{a.pk}/review/"]  # fmt: skip
    for path in reads:
        assert client.get(f"{API}/{path}").status_code == 404, path
    writes = [*_writes(a, other.question, other.risk, other.action), ("POST", "risks/create/", {}),
              ("POST", "actions/create/", {}), ("POST", f"assessment-cycles/{cycle.pk}/start/", {}),
              ("POST", f"assessments/{a.pk}/review/start/", {}),
              ("POST", f"assessments/{a.pk}/review/decide/", {"decision": "accept"})]  # fmt: skip
    for method, path, data in writes:
        assert _call(client, method, f"{API}/{path}", data).status_code == 404, (method, path)
    _unchanged(other)


def test_the_secretariat_reads_every_company_but_changes_no_company_data(
    client_for, secretariat, company, assessment, other, cycle
):
    client = client_for(secretariat)
    listed = client.get(f"{API}/assessments/").json()["results"]
    assert {row["id"] for row in listed} == {assessment.pk, other.assessment.pk}
    assert client.get(f"{API}/assessments/", {"company": other.organisation_id}).json()["count"] == 1
    for path in _reads(other.assessment, other.risk, other.action):
        assert client.get(f"{API}/{path}").status_code == 200, path
    assert client.get(f"{API}/risks/").json()["results"][0]["company_name"] == other.organisation.name
    for method, path, data in _writes(other.assessment, other.question, other.risk, other.action):
        assert _call(client, method, f"{API}/{path}", data).status_code == 404, (method, path)
    for path in ("risks/create/", "actions/create/", f"assessment-cycles/{cycle.pk}/start/"):
        assert _call(client, "POST", f"{API}/{path}", {}).status_code == 404, path
    _unchanged(other)


def test_risks_are_listed_most_urgent_first_created_and_updated(client_for, company):
    low = _risk(company, title="Low", scale=1, scope=1, irremediable=1, likelihood=1)
    high = _risk(company, title="High")
    client = client_for(company)
    assert [r["id"] for r in client.get(f"{API}/risks/").json()["results"]] == [high.pk, low.pk]
    link = SupplyLinkFactory(company=company.organisation)
    data = {"theme": "living-wage", "title": "Wages", "involvement": "contributed", "scale": 3, "scope": 4,
            "irremediable": 2, "likelihood": 3, "countries": ["BD"], "locations": [link.location.public_id]}  # fmt: skip
    created = _call(client, "POST", f"{API}/risks/create/", data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["priority"], body["countries"], body["locations"]) == (
        "critical",
        ["BD"],
        [link.location.public_id],
    )
    levels = {"scale": 1, "scope": 1, "irremediable": 1, "likelihood": 1}
    updated = _call(client, "PATCH", f"{API}/risks/{body['id']}/", levels)
    assert updated.status_code == 200 and updated.json()["priority"] == "low"
    risk = Risk.objects.get(pk=body["id"])
    assert (risk.priority, risk.theme.code, risk.locations.get()) == ("low", "living-wage", link.location)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"scale": 5}, "scale"), ({"theme": "no-such-theme"}, "theme"), ({"countries": ["XX"]}, "countries"),
     ({"locations": ["LOC-OTHER"]}, "locations"), ({"title": ""}, "title"), ({"involvement": "none"}, "involvement")],
)  # fmt: skip
def test_bad_risk_values_are_400_at_their_field(client_for, company, change, field):
    if change.get("locations"):
        change = {"locations": [SupplyLinkFactory().location.public_id]}  # another company's location
    data = {"theme": "child-labour", "title": "Child labour", "involvement": "linked", "scale": 4, "scope": 2,
            "irremediable": 4, "likelihood": 2, **change}  # fmt: skip
    response = _call(client_for(company), "POST", f"{API}/risks/create/", data)
    assert response.status_code == 400 and field in response.json(), response.content
    assert not Risk.objects.exists()


def test_actions_are_filtered_by_risk_created_and_updated(client_for, company):
    first, second = _risk(company), _risk(company, title="Second")
    mine = _action(company, first)
    _action(company, second)
    client = client_for(company)
    assert [a["id"] for a in client.get(f"{API}/actions/", {"risk": first.pk}).json()["results"]] == [mine.pk]
    data = {"risk": second.pk, "title": "Train the buyers", "owner": "Sourcing lead", "due_on": "2030-01-31"}
    created = _call(client, "POST", f"{API}/actions/create/", data)
    assert created.status_code == 201 and created.json()["status"] == "planned", created.content
    path = f"{API}/actions/{created.json()['id']}/"
    assert _call(client, "PATCH", path, {"status": "in_progress"}).json()["status"] == "in_progress"
    late = _call(client, "PATCH", path, {"starts_on": "2030-02-01"})
    assert late.status_code == 400 and "starts_on" in late.json()
    remedy = _call(client, "PATCH", path, {"remediation": "Paid back wages."})  # the risk is only linked
    assert remedy.status_code == 400 and "remediation" in remedy.json()
    assert Action.objects.get(pk=created.json()["id"]).starts_on is None


def test_progress_is_logged_with_evidence_checked_by_its_content(client_for, company):
    action = _action(company, _risk(company))
    client, path = client_for(company), f"{API}/actions/{action.pk}/progress/"
    today = timezone.localdate().isoformat()
    entry = {"on": today, "note": "Audit done", "percentage": 50}
    logged = client.post(f"{path}create/", {**entry, "evidence": SimpleUploadedFile("audit.pdf", PDF)})
    assert logged.status_code == 201, logged.content
    assert logged.json()["has_evidence"] and logged.json()["evidence_name"] == "audit.pdf"
    assert Action.objects.get(pk=action.pk).progress == 50
    disguised = client.post(f"{path}create/", {**entry, "evidence": SimpleUploadedFile("x.pdf", NOT_A_PDF)})
    assert disguised.status_code == 400 and "evidence" in disguised.json()
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert "on" in _call(client, "POST", f"{path}create/", {**entry, "on": future}).json()
    assert _call(client, "POST", f"{path}create/", {**entry, "percentage": 101}).status_code == 400
    assert [e["percentage"] for e in client.get(path).json()["results"]] == [50]


def test_the_secretariat_reviews_requests_changes_and_accepts(client_for, company, secretariat, assessment):
    _answer_everything(company, assessment)
    services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.SUBMITTED)
    client, base = client_for(secretariat), f"{API}/assessments/{assessment.pk}/review"
    started = client.post(f"{base}/start/")
    assert started.status_code == 200 and len(started.json()["sections"]) == 14
    section, question = started.json()["sections"][0]["section"], _question(assessment)
    unexplained = _call(client, "PUT", f"{base}/sections/{section}/", {"score": "60"})
    assert unexplained.status_code == 400 and "reason" in unexplained.json()
    scored = _call(client, "PUT", f"{base}/sections/{section}/", {"score": "60", "reason": "Not public."})
    assert scored.status_code == 200 and scored.json()["score"] == "60.00"
    feedback = _call(client, "PUT", f"{base}/feedback/{question.pk}/", {"text": "Publish the policy."})
    assert feedback.status_code == 200 and feedback.json()["text"] == "Publish the policy."
    company_client = client_for(company)
    assert company_client.get(f"{API}/assessments/{assessment.pk}/").json()["feedback"] == []
    assert company_client.get(f"{base}/").status_code == 404
    silent = _call(client, "POST", f"{base}/decide/", {"decision": "request_changes"})
    assert silent.status_code == 400 and "note" in silent.json()
    changes = _call(
        client, "POST", f"{base}/decide/", {"decision": "request_changes", "note": "See feedback."}
    )
    assert changes.status_code == 200 and changes.json()["status"] == "changes_requested"
    seen = company_client.get(f"{API}/assessments/{assessment.pk}/").json()["feedback"]
    assert [(f["question"], f["text"]) for f in seen] == [(question.pk, "Publish the policy.")]
    resent = company_client.post(f"{API}/assessments/{assessment.pk}/submit/")
    assert resent.json()["status"] == "resubmitted"
    client.post(f"{base}/start/")
    accepted = _call(client, "POST", f"{base}/decide/", {"decision": "accept"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Assessment.objects.get(pk=assessment.pk).score is not None


def _grow(kind: str, company: Any, cycle: AnnualCycle, count: int) -> None:
    for _n in range(count):
        if kind == "assessments":
            user = user_with_role(Role.COMPANY)
            MembershipFactory(company=user.organisation, covenant=cycle.covenant, active=True)
            services.assessment_start(actor=user, cycle=cycle)
        elif kind == "risks":
            link = SupplyLinkFactory(company=company.organisation)
            _risk(company, locations=[link.location])
        elif kind == "actions":
            _action(company, company.risk)
        elif kind == "progress":
            services.action_progress_add(actor=company, action_id=company.action.pk,
                                         on=timezone.localdate(), note="More", percentage=20)  # fmt: skip


@pytest.mark.parametrize("kind", ["assessments", "risks", "actions", "progress", "questions"])
def test_lists_take_the_same_number_of_queries_at_two_sizes(client_for, company, secretariat, cycle, kind):
    company.risk = _risk(company)
    company.action = _action(company, company.risk)
    _grow("progress", company, cycle, 1)
    assessment = services.assessment_start(actor=company, cycle=cycle)
    path = {"assessments": "assessments/", "risks": "risks/", "actions": "actions/",
            "progress": f"actions/{company.action.pk}/progress/",
            "questions": f"assessments/{assessment.pk}/questions/"}[kind]  # fmt: skip
    client = client_for(secretariat if kind == "assessments" else company)
    client.get(f"{API}/{path}")  # the session, once
    counts = []
    for size in (2, 12):
        _grow(kind, company, cycle, size - 1 if size == 2 else 10)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{API}/{path}", {"page_size": size})
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6, counts
