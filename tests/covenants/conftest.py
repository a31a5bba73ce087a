"""Fixtures for the covenant tests: a covenant run by the secretariat fixture's organisation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation

from covenants import services
from covenants.models import Covenant, Membership

from .factories import CovenantFactory, declaration


@pytest.fixture
def covenant(secretariat_user) -> Covenant:
    return CovenantFactory(secretariat=secretariat_user.organisation, slug="garments", name_en="Garments")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Messages are asserted in their English source text; pages pick their language from the URL.
    with translation.override("en"):
        yield


@pytest.fixture
def application(covenant, company_user) -> Membership:
    return services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())


@pytest.fixture
def active(application, secretariat_user) -> Membership:
    return services.membership_approve(
        actor=secretariat_user, membership_id=application.pk, joined_on=date(2025, 2, 1)
    )
