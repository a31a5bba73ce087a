"""Every country field uses the maintained ISO list (django-countries): also an organisation's country."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_country_must_be_a_known_code():
    organisation = OrganisationFactory(country="NL")
    organisation.country = "XX"
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert list(excinfo.value.message_dict) == ["country"]


def test_an_organisation_country_has_a_dutch_and_an_english_name():
    organisation = OrganisationFactory(country="DE")
    with translation.override("nl"):
        assert organisation.country.name == "Duitsland"
    with translation.override("en"):
        assert organisation.country.name == "Germany"


def test_the_api_gives_the_iso_code(client_for, secretariat_user):
    organisation = OrganisationFactory(country="BE")
    body = client_for(secretariat_user).get(f"/api/v1/organisations/{organisation.pk}/").json()
    assert body["country"] == "BE"
