"""Supply links are written by their service: a company only for itself, with the model's checks."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from companies import services
from companies.models import SupplyLink
from tests.covenants.factories import CovenantFactory

from .factories import LocationFactory

pytestmark = pytest.mark.django_db


def _create(actor, company, **extra):
    return services.supply_link_create(
        actor=actor,
        company=company,
        location_id=LocationFactory().pk,
        covenant_id=CovenantFactory().pk,
        **extra,
    )


def test_a_company_discloses_its_own_link_confidential_by_default(company_user):
    link = _create(company_user, company_user.organisation, tier=2, product_categories=["apparel"])
    assert link.company == company_user.organisation and link.show_publicly is False


def test_a_company_cannot_disclose_a_link_for_another_company(company_user, other_company_user):
    with pytest.raises(PermissionDenied):
        _create(company_user, other_company_user.organisation)
    assert not SupplyLink.objects.exists()


def test_an_ngo_cannot_disclose_links(ngo_user, company_user):
    with pytest.raises(PermissionDenied):
        _create(ngo_user, company_user.organisation)


def test_tier_zero_and_future_years_are_refused_with_field_errors(company_user):
    with pytest.raises(ValidationError) as info:
        _create(company_user, company_user.organisation, tier=0, last_year=timezone.now().year + 2)
    assert {"tier", "last_year"} <= set(info.value.message_dict)
