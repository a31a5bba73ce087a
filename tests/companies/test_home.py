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
