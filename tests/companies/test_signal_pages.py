"""Signal pages: report with evidence, my signals, the secretariat's inbox and relay with a confirmation
step, a company's relayed signals and its response, and the evidence download."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from companies import relay
from companies.models import LocationSignal, SignalRelay
from tests.covenants.factories import standard_theme

from .signal_helpers import PDF, SECRET_COMPANY, linked_location, reported

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _form(loc, **overrides):
    data = {
        "location": loc.public_id,
        "theme": standard_theme("health-safety").pk,
        "occurred_on": "2026-01-10",
        "description": "Wages were paid two months late.",
    }
    data.update(overrides)
    return data


def test_ngo_reports_a_signal_with_evidence_from_the_form(client_for, ngo_user):
    location, _users = linked_location()
    client = client_for(ngo_user)
    page = client.get(reverse("companies:signal-report") + f"?location={location.public_id}")
    assert f'value="{location.public_id}"' in page.content.decode()
    data = _form(location, evidence=SimpleUploadedFile("proof.pdf", PDF))
    response = client.post(reverse("companies:signal-report"), data)
    assert response.status_code == 302 and response.url == reverse("companies:my-signals")
    signal = LocationSignal.objects.get()
    assert signal.location == location and signal.evidence_name == "proof.pdf"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"location": "IMVO-NOSUCHID0"}, "No active location has this public ID."),
        ({"occurred_on": "2999-01-01"}, "Give a date that is not in the future."),
        ({"description": ""}, "This field is required."),
    ],
)
def test_bad_input_gets_a_message_at_its_field(client_for, ngo_user, overrides, message):
    location, _users = linked_location()
    response = client_for(ngo_user).post(reverse("companies:signal-report"), _form(location, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LocationSignal.objects.exists()


def test_evidence_of_a_wrong_type_gets_a_message_at_its_field(client_for, ngo_user):
    location, _users = linked_location()
    data = _form(location, evidence=SimpleUploadedFile("x.pdf", b"\x7fELF" + b"\x00" * 100))
    response = client_for(ngo_user).post(reverse("companies:signal-report"), data)
    assert response.status_code == 200
    assert "PDF, PNG or JPEG image" in response.content.decode()
    assert not LocationSignal.objects.exists()


def test_secretariat_sees_linked_companies_and_relays_after_confirmation(
    client_for, ngo_user, secretariat_user
):
    location, _users = linked_location()
    signal = reported(ngo_user, location)
    client = client_for(secretariat_user)
    inbox = client.get(reverse("companies:signal-inbox")).content.decode()
    assert SECRET_COMPANY in inbox and ngo_user.organisation.name in inbox
    url = reverse("companies:signal-relay", args=[signal.pk])
    first = client.post(url)
    assert "Relay this signal?" in first.content.decode() and SECRET_COMPANY in first.content.decode()
    assert not SignalRelay.objects.exists()
    done = client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302
    assert LocationSignal.objects.get().status == LocationSignal.Status.RELAYED
    assert SignalRelay.objects.get().company.name == SECRET_COMPANY


def test_company_sees_the_relayed_signal_and_records_its_response(client_for, ngo_user, secretariat_user):
    location, (company,) = linked_location()
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    item = signal.relays.get()
    client = client_for(company)
    page = client.get(reverse("companies:company-signals")).content.decode()
    assert "Wages were paid" not in page and "Workers were locked in" in page
    prefix = f"r{item.pk}"
    response = client.post(
        reverse("companies:signal-respond", args=[item.pk]),
        {f"{prefix}-response": "We met the union.", f"{prefix}-follow_up": "Back pay by May."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.response == "We met the union." and item.follow_up == "Back pay by May."
    inbox = client_for(secretariat_user).get(reverse("companies:signal-inbox")).content.decode()
    assert "We met the union." in inbox


def test_an_empty_response_gets_a_message_not_a_500(client_for, ngo_user, secretariat_user):
    location, (company,) = linked_location()
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    item = signal.relays.get()
    response = client_for(company).post(
        reverse("companies:signal-respond", args=[item.pk]), {f"r{item.pk}-response": ""}
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_evidence_downloads_as_an_attachment_for_the_reporter_and_the_relayed_company(
    client_for, ngo_user, secretariat_user
):
    location, (company,) = linked_location()
    signal = reported(ngo_user, location, evidence=SimpleUploadedFile("proof.pdf", PDF))
    url = reverse("companies:signal-evidence", args=[signal.pk])
    # Not yet relayed: the linked company cannot download it.
    assert client_for(company).get(url).status_code == 404
    relay.signal_relay(actor=secretariat_user, signal_id=signal.pk)
    for user in (ngo_user, secretariat_user, company):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="proof.pdf"')
        assert b"".join(response.streaming_content) == PDF


def test_my_signals_shows_the_status_of_each_signal(client_for, ngo_user, secretariat_user):
    location, _users = linked_location()
    reported(ngo_user, location, occurred_on=timezone.localdate() - timedelta(days=3))
    page = client_for(ngo_user).get(reverse("companies:my-signals")).content.decode()
    assert "Reported; waiting for the secretariat" in page


def test_public_list_offers_reporting_to_ngos_only(client_for, ngo_user, company_user):
    location, _users = linked_location()
    link = reverse("companies:signal-report") + f"?location={location.public_id}"
    assert link in client_for(ngo_user).get(reverse("companies:locations")).content.decode()
    for user in (company_user, None):
        assert link not in client_for(user).get(reverse("companies:locations")).content.decode()


def test_inbox_answers_in_a_fixed_number_of_queries(
    client_for, ngo_user, secretariat_user, django_assert_max_num_queries
):
    client = client_for(secretariat_user)
    location, _users = linked_location(2)
    reported(ngo_user, location)
    client.get(reverse("companies:signal-inbox"))
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("companies:signal-inbox"))
    for _n in range(5):
        other, _users = linked_location(2)
        relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, other).pk)
        reported(ngo_user, other)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(reverse("companies:signal-inbox"))
    assert page.content.decode().count("Relay to the linked companies") == 6


def test_secretariat_closes_a_relayed_signal_after_confirmation(client_for, ngo_user, secretariat_user):
    location, (company,) = linked_location()
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    client = client_for(secretariat_user)
    url = reverse("companies:signal-close", args=[signal.pk])
    first = client.post(url)
    assert "Close this signal?" in first.content.decode()
    assert LocationSignal.objects.get().status == LocationSignal.Status.RELAYED
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    assert LocationSignal.objects.get().status == LocationSignal.Status.CLOSED
    page = client_for(company).get(reverse("companies:company-signals")).content.decode()
    assert "This signal is closed." in page and "Save the response" not in page
    again = client.post(url, {"confirmed": "yes"}, follow=True)
    assert "This signal is already closed." in again.content.decode()
