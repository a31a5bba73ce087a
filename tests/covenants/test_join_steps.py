"""A visitor finds on the covenant's page how a company joins; a company gets the apply button instead."""

from __future__ import annotations

import pytest
from django.test import Client

from covenants.models import Covenant
from portal.accounts.roles import Role
from tests.factories import user_with_role

from .factories import CovenantFactory

pytestmark = pytest.mark.django_db


def test_visitors_read_the_steps_and_companies_get_the_button():
    covenant = CovenantFactory(slug="join-me", status=Covenant.Status.ACTIVE)
    page = Client().get(f"/en/covenants/{covenant.slug}/").content.decode()
    assert "How does a company join?" in page and 'href="/en/account/signup/"' in page
    assert 'href="/en/contact/"' in page
    company = Client()
    company.force_login(user_with_role(Role.COMPANY))
    html = company.get(f"/en/covenants/{covenant.slug}/").content.decode()
    assert "Apply to join this covenant" in html and "How does a company join?" not in html
