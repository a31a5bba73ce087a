"""The admin reads locations, links, matches and history; it never writes them (services own them)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from companies.models import LocationStatus, ProductionLocation
from portal.accounts.models import User

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser(email="root@example.test", password="x-long-pass-1"))
    return client


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def test_admin_lists_locations_but_cannot_change_their_status(admin_client):
    location = LocationFactory(name="Admin Mill")
    assert "Admin Mill" in admin_client.get(_url("companies_productionlocation_changelist")).content.decode()
    admin_client.post(
        _url("companies_productionlocation_change", location.pk), {"name": "Hijacked", "status": "closed"}
    )
    location.refresh_from_db()
    assert location.name == "Admin Mill" and location.status == LocationStatus.ACTIVE
    admin_client.post(_url("companies_productionlocation_delete", location.pk), {"post": "yes"})
    assert ProductionLocation.objects.filter(pk=location.pk).exists()


@pytest.mark.parametrize("model", ["productionlocation", "supplylink", "locationmatch"])
def test_nothing_is_added_through_the_admin(admin_client, model):
    assert admin_client.get(_url(f"companies_{model}_add")).status_code == 403


def test_a_supply_link_cannot_be_made_public_in_the_admin(admin_client):
    link = SupplyLinkFactory()
    admin_client.post(_url("companies_supplylink_change", link.pk), {"show_publicly": "on"})
    link.refresh_from_db()
    assert link.show_publicly is False
