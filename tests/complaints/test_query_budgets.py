"""The committee's case list and the case page take a fixed number of SQL queries, whatever the
number of cases, messages, documents and moves (asserted at two sizes)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from complaints import services
from complaints.status import CaseStatus

from .helpers import Cast, file_complaint

pytestmark = pytest.mark.django_db

LIST_BUDGET = 7
CASE_BUDGET = 17


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _grow(cast: Cast, cases: int, messages: int) -> None:
    for _ in range(cases):
        filed = file_complaint(cast.covenant, company=cast.company)
        services.committee_assign(
            actor=cast.secretariat, complaint_id=filed.complaint.pk, member_id=cast.committee.pk
        )
    for number in range(messages):
        services.message_post(
            actor=cast.committee,
            complaint_id=cast.complaint.pk,
            body=f"Note {number}",
            visibility="internal" if number % 2 else "parties",
            attachments=[SimpleUploadedFile(f"n{number}.txt", b"A note.")],
        )


def test_the_committees_case_list_has_a_fixed_query_count():
    cast = Cast()
    client = Client()
    client.force_login(cast.committee)
    url = reverse("complaints:list") + "?status=all"
    small = _queries(client, url)
    _grow(cast, cases=15, messages=0)
    large = _queries(client, url)
    assert small == large <= LIST_BUDGET


def test_the_case_page_has_a_fixed_query_count_for_each_reader():
    cast = Cast(name="Rahima")
    cast.move_to(CaseStatus.MEDIATION)
    readers = {"secretariat": cast.secretariat, "committee": cast.committee, "company": cast.company_user}
    url = reverse("complaints:case", kwargs={"reference": cast.complaint.reference})
    clients = {}
    for name, user in readers.items():
        clients[name] = Client()
        clients[name].force_login(user)
    small = {name: _queries(client, url) for name, client in clients.items()}
    _grow(cast, cases=0, messages=12)
    large = {name: _queries(client, url) for name, client in clients.items()}
    assert small == large
    assert max(large.values()) <= CASE_BUDGET
