"""seed_demo adds a few hundred locations shared between the demo companies, idempotently."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from companies.models import LocationMatch, ProductionLocation, SupplyLink
from covenants.models import Covenant

pytestmark = pytest.mark.django_db


def seed() -> tuple[int, int, int]:
    call_command("seed_demo", stdout=io.StringIO())
    return ProductionLocation.objects.count(), SupplyLink.objects.count(), LocationMatch.objects.count()


def test_seed_demo_locations_are_idempotent():
    assert seed() == seed()


def test_demo_locations_span_the_producer_countries_and_show_the_threshold(client):
    seed()
    countries = set(ProductionLocation.objects.values_list("country", flat=True))
    assert {"BD", "IN", "TR", "CN", "VN", "PK", "MM", "PT"} <= countries
    assert ProductionLocation.objects.count() >= 300
    assert LocationMatch.objects.filter(status=LocationMatch.Status.PENDING).count() == 1
    assert Covenant.objects.get(slug="gold").aggregate_single_buyer_locations
    html = client.get(reverse("companies:locations")).content.decode()
    assert 'data-label="Member companies">2<' in html
    assert 'data-label="Member companies">fewer than 2<' in html
    assert "Demo Textiles B.V." in html  # the company that publishes its links
    assert "Voorbeeld Mode B.V." not in html  # the one that does not
    assert "Mining (demo)" not in html and "caption-aggregate-table" in html


def test_demo_signal_is_relayed_and_answered_once():
    from companies.models import LocationSignal, SignalRelay

    seed()
    seed()
    signal = LocationSignal.objects.get()
    assert signal.status == LocationSignal.Status.RELAYED and signal.relayed_count == 2
    assert SignalRelay.objects.filter(signal=signal).exclude(response="").count() == 1
    assert SignalRelay.objects.filter(signal=signal, responded_at__isnull=True).count() == 1
