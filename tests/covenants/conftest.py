"""Fixtures for the covenant tests: a covenant run by the secretariat fixture's organisation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from covenants.models import Covenant

from .factories import CovenantFactory


@pytest.fixture
def covenant(secretariat_user) -> Covenant:
    return CovenantFactory(secretariat=secretariat_user.organisation, slug="garments", name_en="Garments")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Messages are asserted in their English source text; pages pick their language from the URL.
    with translation.override("en"):
        yield
