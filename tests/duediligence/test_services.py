"""The due-diligence services: frameworks, the self-assessment from start to acceptance, answers that
are never lost or overwritten, the risk register and the action plan, and who may see what."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from covenants.hooks import pending_reviews
from covenants.models import AnnualCycle
from covenants.workflow import TransitionNotAllowed
from duediligence import selectors, services
from duediligence.models import Action, Answer, Assessment, Framework, Question
from duediligence.priority import Priority
from portal.accounts.roles import Role
from tests.companies.factories import LocationFactory, SupplyLinkFactory
from tests.covenants.factories import AnnualCycleFactory, standard_theme
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
S = Assessment.Status


def _answer_everything(company: Any, assessment: Assessment) -> None:
    for question in Question.objects.filter(section__framework=assessment.framework):
        fields: dict[str, Any] = {"text": "As described in our policy."}
        if question.answer_type == "yes_partly_no":
            fields["choice"] = "yes"
        elif question.answer_type == "choice":
            fields["choice"] = question.choice_options()[-1][0]
        elif question.answer_type == "number":
            fields["number"] = question.min_value
        elif question.answer_type == "evidence":
            fields["evidence"] = SimpleUploadedFile("policy.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n")
        stored = Answer.objects.filter(assessment=assessment, question=question).first()
        services.answer_save(
            actor=company, assessment_id=assessment.pk, question_id=question.pk,
            version=stored.version if stored else None, **fields,
        )  # fmt: skip


def test_a_published_framework_is_frozen_and_a_copy_starts_the_next_version(cycle, secretariat):
    framework = Framework.objects.get()
    assert framework.status == Framework.Status.PUBLISHED and framework.sections.count() == 14
    with pytest.raises(ValidationError):
        services.require_draft(framework)
    with pytest.raises(ValidationError):
        services.framework_publish(actor=secretariat, framework_id=framework.pk)
    copy = services.framework_copy(actor=secretariat, source=framework)
    assert (copy.version, copy.status, copy.based_on) == (2, Framework.Status.DRAFT, framework)
    assert (
        Question.objects.filter(section__framework=copy).count()
        == Question.objects.filter(section__framework=framework).count()
    )
    services.require_draft(copy)


def test_an_empty_draft_cannot_be_published(secretariat, company):
    empty = services.framework_create_from_data(
        actor=secretariat,
        covenant=company.membership.covenant,
        data={"title_nl": "Leeg", "title_en": "Empty", "sections": []},
    )
    with pytest.raises(ValidationError, match="no sections"):
        services.framework_publish(actor=secretariat, framework_id=empty.pk)


def test_the_assessment_goes_from_draft_to_accepted_with_every_move_recorded(cycle, company, secretariat):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    assert services.assessment_start(actor=company, cycle=cycle) == assessment
    with pytest.raises(ValidationError, match="required answers are not complete"):
        services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.SUBMITTED)
    _answer_everything(company, assessment)
    assert services.missing_answers(assessment) == []
    services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.SUBMITTED)
    assert pending_reviews(cycle) == 1
    with pytest.raises(TransitionNotAllowed):  # the company does not review itself
        services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.UNDER_REVIEW)
    services.assessment_transition(actor=secretariat, assessment_id=assessment.pk, to=S.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        services.assessment_transition(actor=secretariat, assessment_id=assessment.pk, to=S.CHANGES_REQUESTED)
    services.assessment_transition(
        actor=secretariat,
        assessment_id=assessment.pk,
        to=S.CHANGES_REQUESTED,
        note="Add your living wage targets.",
    )
    assert pending_reviews(cycle) == 0
    services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.RESUBMITTED)
    services.assessment_transition(actor=secretariat, assessment_id=assessment.pk, to=S.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        services.assessment_transition(
            actor=secretariat, assessment_id=assessment.pk, to=S.ACCEPTED, score=Decimal(101)
        )
    done = services.assessment_transition(
        actor=secretariat, assessment_id=assessment.pk, to=S.ACCEPTED, score=Decimal("72.5")
    )
    assert (done.status, done.score) == (S.ACCEPTED, Decimal("72.5"))
    moves = list(done.events.values_list("from_status", "to_status"))
    assert moves == [
        ("draft", "submitted"), ("submitted", "under_review"), ("under_review", "changes_requested"),
        ("changes_requested", "resubmitted"), ("resubmitted", "under_review"), ("under_review", "accepted"),
    ]  # fmt: skip
    submitted = done.events.filter(to_status="submitted").get()
    assert submitted.snapshot["1.1.a"]["choice"] == "yes"


def test_a_save_from_an_older_copy_is_a_conflict_and_overwrites_nothing(cycle, company):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    question = Question.objects.filter(
        section__framework=assessment.framework, answer_type="yes_partly_no"
    ).first()
    first = services.answer_save(
        actor=company,
        assessment_id=assessment.pk,
        question_id=question.pk,
        version=None,
        choice="partly",
        text="Tab one",
    )
    services.answer_save(
        actor=company,
        assessment_id=assessment.pk,
        question_id=question.pk,
        version=first.version,
        choice="yes",
        text="Tab one again",
    )
    with pytest.raises(services.AnswerConflict) as conflict:
        # The second tab still holds the first version.
        services.answer_save(
            actor=company,
            assessment_id=assessment.pk,
            question_id=question.pk,
            version=first.version,
            choice="no",
            text="Tab two",
        )
    assert conflict.value.stored.text == "Tab one again"
    assert Answer.objects.get(pk=first.pk).choice == "yes"


def test_bad_answers_are_refused_per_field(cycle, company):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    questions = Question.objects.filter(section__framework=assessment.framework)
    number = questions.filter(answer_type="number").first()
    with pytest.raises(ValidationError) as bad:
        services.answer_save(
            actor=company, assessment_id=assessment.pk, question_id=number.pk, version=None, number="250"
        )
    assert "number" in bad.value.message_dict
    choice = questions.filter(answer_type="yes_partly_no").first()
    with pytest.raises(ValidationError) as bad:
        services.answer_save(
            actor=company, assessment_id=assessment.pk, question_id=choice.pk, version=None, choice="maybe"
        )
    assert "choice" in bad.value.message_dict
    evidence = questions.filter(answer_type="evidence").first()
    with pytest.raises(ValidationError) as bad:
        fake = SimpleUploadedFile("policy.pdf", b"MZ\x90\x00binary")
        services.answer_save(
            actor=company, assessment_id=assessment.pk, question_id=evidence.pk, version=None, evidence=fake
        )
    assert "evidence" in bad.value.message_dict
    assert not Answer.objects.exists()


def test_nothing_changes_after_sending_or_once_the_cycle_closed(cycle, company):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    _answer_everything(company, assessment)
    services.assessment_transition(actor=company, assessment_id=assessment.pk, to=S.SUBMITTED)
    question = Question.objects.filter(section__framework=assessment.framework).first()
    with pytest.raises(ValidationError, match="cannot change"):
        services.answer_save(
            actor=company, assessment_id=assessment.pk, question_id=question.pk, version=1, choice="no"
        )
    other = AnnualCycleFactory(covenant=cycle.covenant, year=2027, status=AnnualCycle.Status.CLOSED)
    with pytest.raises(ValidationError, match="not open"):
        services.assessment_start(actor=company, cycle=other)


def test_last_years_accepted_answers_are_the_starting_point(cycle, company, secretariat):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    _answer_everything(company, assessment)
    for to in (S.SUBMITTED, S.UNDER_REVIEW):
        services.assessment_transition(
            actor=company if to == S.SUBMITTED else secretariat, assessment_id=assessment.pk, to=to
        )
    services.assessment_transition(
        actor=secretariat, assessment_id=assessment.pk, to=S.ACCEPTED, score=Decimal(80)
    )
    # One open cycle per covenant at a time.
    AnnualCycle.objects.filter(pk=cycle.pk).update(status=AnnualCycle.Status.CLOSED)
    next_year = AnnualCycleFactory(covenant=cycle.covenant, year=2027, status=AnnualCycle.Status.OPEN)
    services.cycle_framework_set(actor=secretariat, cycle=next_year, framework=assessment.framework)
    carried = services.assessment_start(actor=company, cycle=next_year, carry_over=True)
    assert carried.carried_over_from == assessment
    assert carried.answers.count() == assessment.answers.count()
    assert carried.answers.filter(choice="yes").exists()


def test_only_members_with_an_open_cycle_and_a_framework_start(company, secretariat):
    bare = AnnualCycleFactory(covenant=company.membership.covenant, status=AnnualCycle.Status.OPEN)
    with pytest.raises(ValidationError, match="not yet set the framework"):
        services.assessment_start(actor=company, cycle=bare)
    stranger = user_with_role(Role.COMPANY)
    with pytest.raises(ValidationError, match="not a member"):
        services.assessment_start(actor=stranger, cycle=bare)
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=user_with_role(Role.NGO), cycle=bare)


def _risk(company: Any, **fields: Any) -> Any:
    values = {
        "theme": standard_theme("child-labour"), "title": "Child labour at a spinning mill", "involvement": "linked",
        "scale": 4, "scope": 2, "irremediable": 4, "likelihood": 2, "countries": ["IN"],
    }  # fmt: skip
    return services.risk_create(actor=company, **{**values, **fields})


def test_risks_are_ranked_by_the_documented_rule_and_sorted_most_urgent_first(company):
    low = _risk(company, title="Overtime", scale=1, scope=1, irremediable=1, likelihood=3)
    critical = _risk(company)
    assert (critical.priority, low.priority) == (Priority.CRITICAL, Priority.LOW)
    assert list(selectors.risk_list_for(company)) == [critical, low]
    services.risk_update(actor=company, risk_id=low.pk, scope=4)
    assert selectors.risk_get_for(company, low.pk).priority == Priority.CRITICAL


def test_a_risk_links_only_to_the_companys_own_locations(company):
    own, other = LocationFactory(), LocationFactory()
    SupplyLinkFactory(company=company.organisation, location=own)
    risk = _risk(company, locations=[own])
    assert list(risk.locations.all()) == [own]
    with pytest.raises(ValidationError) as bad:
        _risk(company, locations=[other])
    assert "locations" in bad.value.message_dict


def test_actions_log_progress_and_remediation_only_where_the_company_caused_or_contributed(company):
    linked = _risk(company)
    action = services.action_create(
        actor=company,
        risk_id=linked.pk,
        title="Audit the mill",
        owner="CSR manager",
        due_on=date.today() + timedelta(days=30),
    )
    with pytest.raises(ValidationError) as bad:
        services.action_update(actor=company, action_id=action.pk, remediation="School fees paid")
    assert "remediation" in bad.value.message_dict
    caused = _risk(company, involvement="caused")
    remedy = services.action_create(actor=company, risk_id=caused.pk, title="Back pay", owner="Director",
                                    due_on=date.today(), remediation="Wages paid back", remediation_confirmation="confirmed")  # fmt: skip
    assert remedy.remediation_confirmation == Action.Confirmation.CONFIRMED
    services.action_progress_add(
        actor=company, action_id=action.pk, on=date.today(), note="Auditor chosen", percentage=30
    )
    action.refresh_from_db()
    assert (action.progress, action.status) == (30, Action.Status.IN_PROGRESS)
    services.action_progress_add(
        actor=company, action_id=action.pk, on=date.today(), note="Report received", percentage=100
    )
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.progress_log.count() == 2
    with pytest.raises(ValidationError):
        services.action_progress_add(
            actor=company, action_id=action.pk, on=date.today() + timedelta(days=2), note="x", percentage=10
        )
    with pytest.raises(ValidationError):
        services.action_progress_add(
            actor=company, action_id=action.pk, on=date.today(), note="x", percentage=120
        )


def test_an_action_past_its_due_date_and_not_done_is_overdue(company):
    risk = _risk(company)
    late = services.action_create(
        actor=company, risk_id=risk.pk, title="Late", owner="Buyer", due_on=date(2026, 1, 31)
    )
    assert late.is_overdue(today=date(2026, 2, 1)) and not late.is_overdue(today=date(2026, 1, 31))
    services.action_progress_add(
        actor=company, action_id=late.pk, on=timezone.localdate(), note="Done", percentage=100
    )
    late.refresh_from_db()
    assert not late.is_overdue(today=date(2026, 2, 1))


@pytest.mark.parametrize("role", [Role.NGO, Role.TRADE_UNION, Role.GOVERNMENT, Role.COMMITTEE])
def test_nobody_but_the_company_and_the_secretariat_sees_an_assessment_risk_or_action(
    cycle, company, secretariat, role
):
    assessment = services.assessment_start(actor=company, cycle=cycle)
    risk = _risk(company)
    action = services.action_create(
        actor=company, risk_id=risk.pk, title="Audit", owner="CSR", due_on=date.today()
    )
    outsider = user_with_role(role)
    other_company = user_with_role(Role.COMPANY)
    for user in (outsider, other_company):
        assert not selectors.assessment_list_for(user).exists() and not selectors.risk_list_for(user).exists()
        for get, pk in (
            (selectors.assessment_get_for, assessment.pk),
            (selectors.risk_get_for, risk.pk),
            (selectors.action_get_for, action.pk),
        ):
            with pytest.raises(Http404):
                get(user, pk)
    assert selectors.assessment_get_for(secretariat, assessment.pk) == assessment
    assert selectors.action_get_for(company, action.pk) == action
    with pytest.raises(ValidationError):  # another company's risk by id
        services.action_create(
            actor=other_company, risk_id=risk.pk, title="x", owner="y", due_on=date.today()
        )
