"""Invariants of locations and supply links: refused at the field, and in the database where possible."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from companies.models import ProductionLocation, SupplyLink, new_public_id
from companies.models.location import CROCKFORD, PUBLIC_ID_LENGTH, PUBLIC_ID_PREFIX

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db


def _errors(instance) -> dict:
    with pytest.raises(ValidationError) as info:
        instance.full_clean()
    return info.value.message_dict


def test_public_id_is_imvo_and_ten_crockford_characters_and_stays():
    location = LocationFactory()
    assert location.public_id.startswith(PUBLIC_ID_PREFIX)
    body = location.public_id[len(PUBLIC_ID_PREFIX) :]
    assert len(body) == PUBLIC_ID_LENGTH and set(body) <= set(CROCKFORD)
    before = location.public_id
    location.name = "Renamed"
    location.save()
    location.refresh_from_db()
    assert location.public_id == before


def test_public_ids_differ():
    assert len({new_public_id() for _ in range(500)}) == 500


def test_name_of_ten_thousand_characters_is_refused_at_the_field():
    errors = _errors(LocationFactory.build(name="x" * 10_000))
    assert "name" in errors
    assert "at most 500 characters" in errors["name"][0]


@pytest.mark.parametrize(
    ("field", "value"), [("latitude", "90.5"), ("latitude", "-91"), ("longitude", "180.1")]
)
def test_coordinates_out_of_range_are_refused(field, value):
    errors = _errors(LocationFactory.build(**{field: Decimal(value)}))
    assert field in errors


def test_coordinates_out_of_range_are_refused_by_the_database():
    location = LocationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductionLocation.objects.filter(pk=location.pk).update(latitude=Decimal("95"))


def test_open_supply_hub_id_format_is_checked_with_a_clear_message():
    assert "os_hub_id" not in _errors_or_empty(LocationFactory.build(os_hub_id="CN2019303BQ3FZP"))
    errors = _errors(LocationFactory.build(os_hub_id="CN-12345"))
    assert "Open Supply Hub ID has two capital letters" in errors["os_hub_id"][0]


def _errors_or_empty(instance) -> dict:
    try:
        instance.full_clean()
    except ValidationError as exc:
        return exc.message_dict
    return {}


def test_normalised_keys_follow_the_name_and_address():
    location = LocationFactory(name="Dhaka Knit Composite Ltd.", address="Plot 7, Ind. Rd.", city="Gāzīpur")
    assert location.name_key == "dhaka knit composite"
    assert location.address_key == "plot 7 industrial road"
    assert location.city_key == "gazipur"


def test_tier_zero_is_refused_at_the_field_and_in_the_database():
    link = SupplyLinkFactory.build(tier=0)
    link.company.save()
    assert "tier" in _errors_or_empty(link)
    saved = SupplyLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplyLink.objects.filter(pk=saved.pk).update(tier=0)


def test_years_in_the_future_and_first_after_last_are_refused():
    next_year = timezone.now().year + 1
    saved = SupplyLinkFactory()
    saved.first_year, saved.last_year = 2020, next_year
    errors = _errors(saved)
    assert "lies in the future" in errors["last_year"][0]
    saved.first_year, saved.last_year = 2023, 2021
    assert "cannot be before the first year" in _errors(saved)["last_year"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplyLink.objects.filter(pk=saved.pk).update(first_year=2024, last_year=2021)


def test_one_link_per_company_location_and_covenant():
    link = SupplyLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplyLinkFactory(company=link.company, location=link.location, covenant=link.covenant)


def test_links_are_not_shown_publicly_by_default():
    assert SupplyLinkFactory().show_publicly is False


def test_unknown_product_category_is_refused():
    link = SupplyLinkFactory()
    link.product_categories = ["apparel", "spaceships"]
    assert "Unknown product category: spaceships" in _errors(link)["product_categories"][0]
