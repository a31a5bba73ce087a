"""The companies API for location signals: an NGO reports (with evidence), lists its own and sees the
number of companies only from the threshold on, never which; the secretariat relays and closes; a linked
company lists what reached it and responds; nobody else gets in, another company's relay is a 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from companies import relay
from companies.models import LocationSignal, SignalRelay
from portal.accounts.roles import Role
from tests.covenants.factories import standard_theme

from .signal_helpers import PDF, SECRET_COMPANY, linked_location, reported

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _report(client, where, **overrides):
    standard_theme("health-safety")
    data = {
        "location": where.public_id,
        "theme": "health-safety",
        "occurred_on": "2026-01-10",
        "description": "Workers were locked in during a fire drill.",
        **overrides,
    }
    return client.post(f"{API}/location-signals/", data, HTTP_ACCEPT_LANGUAGE="en")


def test_ngo_reports_with_evidence_and_sees_it_in_its_list(client_for, make_user):
    location, _users = linked_location()
    ngo = make_user(Role.NGO)
    client = client_for(ngo)
    response = _report(client, location, evidence=SimpleUploadedFile("e.pdf", PDF, "application/pdf"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["location"] == location.public_id and body["theme"] == "health-safety"
    assert body["status"] == LocationSignal.Status.REPORTED and body["has_evidence"]
    signal = LocationSignal.objects.get(pk=body["id"])
    assert signal.reporter_organisation == ngo.organisation and signal.evidence
    mine = client.get(f"{API}/location-signals/mine/").json()["results"]
    assert [row["id"] for row in mine] == [signal.pk]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("location", "LOC-NOPE"),
        ("theme", "not-a-theme"),
        ("occurred_on", (timezone.localdate() + timedelta(days=2)).isoformat()),
        ("occurred_on", "yesterday"),
        ("description", ""),
    ],
)
def test_bad_report_input_is_a_400_at_its_field(client_for, make_user, field, value):
    location, _users = linked_location()
    response = _report(client_for(make_user(Role.TRADE_UNION)), location, **{field: value})
    assert response.status_code == 400
    assert field in response.json()
    assert not LocationSignal.objects.exists()


def test_reporter_sees_the_number_only_from_the_threshold_and_never_the_companies(client_for, make_user):
    ngo = make_user(Role.NGO)
    one, _users = linked_location(1)
    two, _more = linked_location(2)
    secretariat = make_user(Role.SECRETARIAT)
    for location in (one, two):
        relay.signal_relay(actor=secretariat, signal_id=reported(ngo, location).pk)
    response = client_for(ngo).get(f"{API}/location-signals/mine/")
    counts = {row["location"]: row["relayed_count"] for row in response.json()["results"]}
    assert counts == {one.public_id: None, two.public_id: 2}
    assert SECRET_COMPANY not in response.content.decode()


def test_secretariat_relays_and_the_company_responds(client_for, make_user):
    location, (company,) = linked_location()
    signal = reported(make_user(Role.NGO), location)
    relayed = client_for(make_user(Role.SECRETARIAT)).post(f"{API}/location-signals/{signal.pk}/relay/")
    assert relayed.status_code == 200, relayed.content
    assert relayed.json()["status"] == LocationSignal.Status.RELAYED
    assert relayed.json()["companies"] == [SECRET_COMPANY]

    client = client_for(company)
    (row,) = client.get(f"{API}/signal-relays/").json()["results"]
    assert row["location"] == location.public_id and row["response"] == ""
    answer = client.post(
        f"{API}/signal-relays/{row['id']}/respond/",
        {"response": "We visited the factory.", "follow_up": "Audit in March."},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["response"] == "We visited the factory."
    assert SignalRelay.objects.get(pk=row["id"]).follow_up == "Audit in March."


def test_an_empty_response_is_a_400(client_for, make_user):
    location, (company,) = linked_location()
    signal = reported(make_user(Role.NGO), location)
    relay.signal_relay(actor=make_user(Role.SECRETARIAT), signal_id=signal.pk)
    relay_id = signal.relays.get().pk
    response = client_for(company).post(
        f"{API}/signal-relays/{relay_id}/respond/", {"response": "  "}, content_type="application/json"
    )
    assert response.status_code == 400 and "response" in response.json()


def test_secretariat_closes_and_a_second_close_or_relay_is_a_400(client_for, make_user):
    location, _users = linked_location()
    signal = reported(make_user(Role.NGO), location)
    client = client_for(make_user(Role.SECRETARIAT))
    closed = client.post(f"{API}/location-signals/{signal.pk}/close/")
    assert closed.status_code == 200 and closed.json()["status"] == LocationSignal.Status.CLOSED
    assert client.post(f"{API}/location-signals/{signal.pk}/close/").status_code == 400
    assert client.post(f"{API}/location-signals/{signal.pk}/relay/").status_code == 400


def test_another_companys_relay_is_404(client_for, make_user):
    location, (_company,) = linked_location()
    signal = reported(make_user(Role.NGO), location)
    relay.signal_relay(actor=make_user(Role.SECRETARIAT), signal_id=signal.pk)
    client = client_for(make_user(Role.COMPANY))
    assert client.get(f"{API}/signal-relays/").json()["results"] == []
    response = client.post(
        f"{API}/signal-relays/{signal.relays.get().pk}/respond/",
        {"response": "Not ours."},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert signal.relays.get().response == ""


@pytest.mark.parametrize("role", [Role.COMPANY, Role.GOVERNMENT, Role.NGO])
def test_only_the_secretariat_relays_or_closes(client_for, make_user, role):
    location, _users = linked_location()
    signal = reported(make_user(Role.NGO), location)
    client = client_for(make_user(role))
    assert client.post(f"{API}/location-signals/{signal.pk}/relay/").status_code == 404
    assert client.post(f"{API}/location-signals/{signal.pk}/close/").status_code == 404
    signal.refresh_from_db()
    assert signal.status == LocationSignal.Status.REPORTED


@pytest.mark.parametrize("role", [Role.COMPANY, Role.GOVERNMENT])
def test_companies_and_government_cannot_report(client_for, make_user, role):
    location, _users = linked_location()
    assert _report(client_for(make_user(role)), location).status_code == 404
    assert not LocationSignal.objects.exists()


def test_a_nul_byte_in_the_theme_is_a_400_not_a_server_error(client_for, make_user):
    location, _users = linked_location()
    response = _report(client_for(make_user(Role.NGO)), location, theme="health\x00safety")
    assert response.status_code == 400 and "theme" in response.json()
