"""The inbox list and an enquiry's page take a fixed number of SQL queries, whatever the number of
enquiries (asserted at two sizes)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.accounts.roles import Role
from portal.enquiries import services
from tests.factories import user_with_role

from .helpers import enquiry

pytestmark = pytest.mark.django_db

LIST_BUDGET = 6


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _grow(actor, count: int) -> None:
    for number in range(count):
        item = enquiry(name=f"Person {number}")
        assignee = user_with_role(Role.SECRETARIAT)
        services.enquiry_assign(actor=actor, enquiry_id=item.pk, assignee_id=assignee.pk)


def test_the_inbox_list_has_a_fixed_query_count(secretariat_user):
    client = Client()
    client.force_login(secretariat_user)
    url = reverse("enquiries:list")
    _grow(secretariat_user, 2)
    small = _queries(client, url)
    _grow(secretariat_user, 20)
    large = _queries(client, url)
    assert small == large <= LIST_BUDGET
    assert _queries(client, url + "?status=assigned&topic=join") <= LIST_BUDGET


def test_the_home_section_and_the_detail_page_have_a_fixed_query_count(secretariat_user):
    client = Client()
    client.force_login(secretariat_user)
    _grow(secretariat_user, 1)
    item = enquiry()
    detail = reverse("enquiries:detail", kwargs={"pk": item.pk})
    home = "/en/dashboard/home/secretariat/"
    small = (_queries(client, detail), _queries(client, home))
    _grow(secretariat_user, 10)
    assert (_queries(client, detail), _queries(client, home)) == small
