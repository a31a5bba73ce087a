"""The company report: made in Celery with the job's progress, a real PDF whose text holds the score,
the answers, the feedback, the risks and actions; only of an accepted assessment, only for its company
and the secretariat."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from duediligence import report, services
from duediligence.models import Assessment
from portal.accounts.roles import Role
from portal.jobs.models import Job
from tests.covenants.factories import standard_theme
from tests.factories import user_with_role

from .test_services import _answer_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(cycle: Any, company: Any, secretariat: Any) -> Assessment:
    assessment = services.assessment_start(actor=company, cycle=cycle)
    _answer_everything(company, assessment)
    services.assessment_transition(actor=company, assessment_id=assessment.pk, to=Assessment.Status.SUBMITTED)
    services.review_start(actor=secretariat, assessment_id=assessment.pk)
    return services.review_decide(
        actor=secretariat, assessment_id=assessment.pk, accept=True, note="Clear targets, well done."
    )


def _text(job: Job) -> str:
    with job.result.open("rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages
    # Table cells wrap: compare the words, not the line breaks.
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize(
    ("layout", "heading"),
    [("assessment", "Self-assessment report"), ("statement", "Due diligence statement")],
)
def test_the_report_is_a_real_pdf_with_what_was_accepted(
    accepted, company, django_capture_on_commit_callbacks, layout, heading
):
    risk = services.risk_create(actor=company, theme=standard_theme("child-labour"), title="Child labour in spinning",
                                involvement="caused", scale=4, scope=2, irremediable=4, likelihood=2)  # fmt: skip
    services.action_create(actor=company, risk_id=risk.pk, title="Remediation programme", owner="CSR", due_on=accepted.cycle.ends_on,
                           remediation="School fees and wages paid for two years.")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        job = report.company_report_request(actor=company, assessment=accepted, layout=layout)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress == 100 and job.result_name.endswith(".pdf")
    text = _text(job)
    for expected in (heading, company.organisation.name, str(accepted.score), "Child labour in spinning",
                     "Remediation programme", "School fees and wages paid", "Clear targets, well done."):  # fmt: skip
        assert expected in text, expected
    assert accepted.score == Decimal("100.00")


def test_the_report_is_made_in_dutch_too(accepted, company, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        job = report.company_report_request(actor=company, assessment=accepted, layout="assessment")
    job.refresh_from_db()
    assert "Risicoregister" in _text(job)


def test_only_an_accepted_assessment_and_only_its_company_or_the_secretariat(cycle, company, accepted):
    with pytest.raises(PermissionDenied):
        report.company_report_request(
            actor=user_with_role(Role.COMPANY), assessment=accepted, layout="assessment"
        )
    with pytest.raises(PermissionDenied):
        report.company_report_request(
            actor=user_with_role(Role.GOVERNMENT), assessment=accepted, layout="assessment"
        )
    with pytest.raises(ValidationError):
        report.company_report_request(actor=company, assessment=accepted, layout="poster")
    draft = Assessment.objects.create(company=user_with_role(Role.COMPANY).organisation, covenant=cycle.covenant,
                                      cycle=cycle, framework=accepted.framework)  # fmt: skip
    with pytest.raises(ValidationError):
        report.company_report_request(
            actor=user_with_role(Role.SECRETARIAT), assessment=draft, layout="assessment"
        )
