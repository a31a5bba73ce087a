"""The signals section of an NGO's home page: its own latest signals, never another organisation's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from companies.models import LocationSignal
from portal.accounts.roles import Role
from tests.companies.factories import LocationFactory
from tests.covenants.factories import standard_theme
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_an_ngo_sees_its_own_signals_on_its_home_page():
    translation.activate("en")
    ngo, other = user_with_role(Role.NGO), user_with_role(Role.NGO)
    for user, name in ((ngo, "Mill of ours"), (other, "Mill of theirs")):
        LocationSignal.objects.create(location=LocationFactory(name=name), reported_by=user,
                                      reporter_organisation=user.organisation, theme=standard_theme("living-wage"),
                                      occurred_on="2026-01-01", description="Overtime unpaid.")  # fmt: skip
    client = Client()
    client.force_login(ngo)
    html = client.get("/en/dashboard/home/ngo/").content.decode()
    assert "Mill of ours" in html and "Mill of theirs" not in html


def test_a_company_sees_the_signals_waiting_for_its_response_and_its_recent_notifications():
    from companies.models import SignalRelay
    from portal.notifications.services import notification_enqueue
    from tests.factories import UserFactory

    translation.activate("en")
    ngo = user_with_role(Role.NGO)
    company = user_with_role(Role.COMPANY)
    signal = LocationSignal.objects.create(location=LocationFactory(name="Mill to answer"), reported_by=ngo,
                                           reporter_organisation=ngo.organisation, theme=standard_theme("living-wage"),
                                           occurred_on="2026-01-01", description="Overtime unpaid.")  # fmt: skip
    SignalRelay.objects.create(signal=signal, company=company.organisation)
    notification_enqueue(recipients=[company], kind="test", subject="Hello from the outbox", email=False)
    client = Client()
    client.force_login(company)
    html = client.get("/en/dashboard/home/company/").content.decode()
    assert (
        "Mill to answer" in html and "waiting for your response" in html and "Hello from the outbox" in html
    )
    other = Client()
    other.force_login(UserFactory(organisation=user_with_role(Role.COMPANY).organisation))
    assert "Mill to answer" not in other.get("/en/dashboard/home/company/").content.decode()
