"""The due-diligence section of a company's home page: its self-assessment of the open cycle with the
deadline, its top risks, its actions overdue or due within a month; nothing of another company; a
fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from duediligence.models import Action, Risk
from tests.covenants.factories import MembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _company(risks: int) -> tuple[object, list[Risk]]:
    membership = MembershipFactory(active=True)
    user = UserFactory(organisation=membership.company)
    theme = membership.covenant.themes.first()
    made = []
    for number in range(risks):
        risk = Risk(company=membership.company, theme=theme, title=f"Risk {number}", involvement="linked",
                    scale=1 + number % 4, scope=2, irremediable=1, likelihood=2).rank()  # fmt: skip
        risk.save()
        made.append(risk)
        today = timezone.localdate()
        Action.objects.create(company=membership.company, risk=risk, title=f"Late {number}", owner="x",
                              due_on=today - timedelta(days=3))  # fmt: skip
        Action.objects.create(company=membership.company, risk=risk, title=f"Later {number}", owner="x",
                              due_on=today + timedelta(days=90))  # fmt: skip
    return user, made


def _home(user) -> tuple[str, int]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/en/dashboard/home/company/").content.decode()
    return html, len(captured.captured_queries)


def test_the_company_sees_its_risks_and_actions_due_and_nothing_of_others():
    user, _risks = _company(2)
    other, _ = _company(1)
    html, small = _home(user)
    assert "Late 0" in html and "overdue" in html and "Later 0" not in html
    assert "Risk 1" in html
    other_html, _ = _home(other)
    assert "Risk 1" not in other_html and "Late 1" not in other_html
    bigger, _ = _company(12)
    _html, large = _home(bigger)
    assert small == large
