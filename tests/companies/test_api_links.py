"""The companies API: a company's own supply links. List, create, update and delete through the
services (audited); another company's link or private location is a 404 or a field error that says no
more than for an unknown ID; tier 0, future years and unknown categories are 400s at their field."""

from __future__ import annotations

import pytest
from django.utils import timezone

from companies.models import SupplyLink
from portal.accounts.roles import Role
from portal.audit.models import AuditEvent
from tests.covenants.factories import CovenantFactory

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/supply-links"


@pytest.fixture
def covenant():
    return CovenantFactory(slug="garments")


@pytest.fixture
def listed(covenant):
    """A location on the public list (two other companies source there)."""
    location = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(location=location, covenant=covenant)
    SupplyLinkFactory(location=location, covenant=covenant)
    return location


def _post(client, data):
    return client.post(f"{API}/create/", data, content_type="application/json")


def _patch(client, pk, data):
    return client.patch(f"{API}/{pk}/", data, content_type="application/json")


def test_company_lists_only_its_own_links(client_for, company_user, covenant, listed):
    own = SupplyLinkFactory(company=company_user.organisation, location=listed, covenant=covenant, tier=2)
    body = client_for(company_user).get(f"{API}/").json()
    assert [row["id"] for row in body["results"]] == [own.pk]
    assert body["results"][0]["location"] == listed.public_id and body["results"][0]["tier"] == 2


def test_company_links_to_a_listed_location(client_for, company_user, covenant, listed):
    response = _post(
        client_for(company_user),
        {
            "location": listed.public_id,
            "covenant": "garments",
            "tier": 1,
            "product_categories": [],
            "first_year": 2020,
            "last_year": 2024,
        },
    )
    assert response.status_code == 201, response.content
    link = SupplyLink.objects.get(pk=response.json()["id"])
    assert link.company == company_user.organisation and link.location == listed and not link.show_publicly
    assert AuditEvent.objects.filter(action="supply_link.created").exists()


def test_another_companys_private_location_is_as_unknown_as_a_made_up_id(client_for, company_user, covenant):
    # Only another company's link knows this location: a single buyer in a covenant that lists such
    # locations only as a count.
    private = LocationFactory(name="Private Mill")
    small = CovenantFactory(slug="small", aggregate_single_buyer_locations=True)
    SupplyLinkFactory(location=private, covenant=small)
    client = client_for(company_user)
    private_answer = _post(client, {"location": private.public_id, "covenant": "garments"})
    unknown_answer = _post(client, {"location": "LOC-NOPE", "covenant": "garments"})
    assert private_answer.status_code == unknown_answer.status_code == 400
    assert private_answer.json() == unknown_answer.json()
    assert not SupplyLink.objects.filter(company=company_user.organisation).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tier", 0),
        ("first_year", timezone.now().year + 1),
        ("last_year", timezone.now().year + 1),
        ("product_categories", ["rockets"]),
    ],
)
def test_bad_values_are_400_at_their_field(client_for, company_user, listed, field, value):
    response = _post(
        client_for(company_user), {"location": listed.public_id, "covenant": "garments", field: value}
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not SupplyLink.objects.filter(company=company_user.organisation).exists()


def test_first_year_after_last_year_is_refused(client_for, company_user, covenant, listed):
    link = SupplyLinkFactory(company=company_user.organisation, location=listed, covenant=covenant)
    response = _patch(client_for(company_user), link.pk, {"first_year": 2024, "last_year": 2021})
    assert response.status_code == 400 and "last_year" in response.json()


def test_a_second_link_for_the_same_location_and_covenant_is_refused(
    client_for, company_user, covenant, listed
):
    SupplyLinkFactory(company=company_user.organisation, location=listed, covenant=covenant)
    response = _post(client_for(company_user), {"location": listed.public_id, "covenant": "garments"})
    assert response.status_code == 400 and "location" in response.json()


def test_company_updates_its_link_through_the_service(client_for, company_user, covenant, listed):
    link = SupplyLinkFactory(company=company_user.organisation, location=listed, covenant=covenant)
    response = _patch(client_for(company_user), link.pk, {"tier": 3, "show_publicly": True})
    assert response.status_code == 200 and response.json()["tier"] == 3
    link.refresh_from_db()
    assert link.tier == 3 and link.show_publicly
    assert AuditEvent.objects.filter(action="supply_link.updated").exists()


def test_update_of_tier_zero_is_a_field_error(client_for, company_user, covenant, listed):
    link = SupplyLinkFactory(company=company_user.organisation, location=listed, covenant=covenant)
    response = _patch(client_for(company_user), link.pk, {"tier": 0})
    assert response.status_code == 400 and "tier" in response.json()
    link.refresh_from_db()
    assert link.tier == 1


def test_company_deletes_its_link(client_for, company_user, covenant, listed):
    link = SupplyLinkFactory(company=company_user.organisation, location=listed, covenant=covenant)
    assert client_for(company_user).delete(f"{API}/{link.pk}/").status_code == 204
    assert not SupplyLink.objects.filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(action="supply_link.deleted").exists()


def test_another_companys_link_is_404_for_read_update_and_delete(client_for, company_user, covenant, listed):
    other = SupplyLink.objects.filter(location=listed).first()
    assert other is not None
    client = client_for(company_user)
    assert client.get(f"{API}/{other.pk}/").status_code == 404
    assert _patch(client, other.pk, {"tier": 3}).status_code == 404
    assert client.delete(f"{API}/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.tier == 1


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION])
def test_other_roles_get_no_supply_links(client_for, make_user, covenant, listed, role):
    client = client_for(make_user(role))
    assert client.get(f"{API}/").status_code == 404
    assert _post(client, {"location": listed.public_id, "covenant": "garments"}).status_code == 404


def test_the_services_refuse_another_companys_link(company_user, covenant, listed):
    from companies import services

    other = SupplyLink.objects.filter(location=listed).first()
    assert other is not None
    with pytest.raises(SupplyLink.DoesNotExist):
        services.supply_link_update(actor=company_user, link_id=other.pk, tier=3)
    with pytest.raises(SupplyLink.DoesNotExist):
        services.supply_link_delete(actor=company_user, link_id=other.pk)
    assert SupplyLink.objects.filter(pk=other.pk, tier=1).exists()


def test_a_company_links_its_own_unlisted_location_for_another_covenant(client_for, company_user):
    small = CovenantFactory(slug="small", aggregate_single_buyer_locations=True)
    CovenantFactory(slug="second")
    mine = LocationFactory(name="My Own Mill")
    SupplyLinkFactory(company=company_user.organisation, location=mine, covenant=small)
    response = _post(client_for(company_user), {"location": mine.public_id, "covenant": "second"})
    assert response.status_code == 201, response.content
