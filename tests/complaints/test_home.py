"""The complaints sections of the home pages: each party's running cases by due date, the
secretariat's intake counts; in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from complaints.status import CaseStatus

from .helpers import Cast, file_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _home(user, role: str) -> tuple[str, int]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/en/dashboard/home/{role}/")
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def test_the_committee_sees_its_cases_by_due_date_and_the_company_only_admitted_ones():
    cast = Cast()
    html, small = _home(cast.committee, "committee")
    assert cast.complaint.reference in html
    company_html, _ = _home(cast.company_user, "company")
    assert cast.complaint.reference not in company_html  # not yet admissible
    cast.move_to(CaseStatus.ADMISSIBLE)
    company_html, _ = _home(cast.company_user, "company")
    assert cast.complaint.reference in company_html
    for _ in range(8):
        file_complaint(cast.covenant, company=cast.company)
    _html, large = _home(cast.committee, "committee")
    assert small == large


def test_the_secretariat_sees_what_waits_for_it():
    cast = Cast()
    file_complaint(cast.covenant, company=cast.company)
    html, _ = _home(cast.secretariat, "secretariat")
    assert "2 complaints waiting for acknowledgement" in html and "2 running cases" in html
