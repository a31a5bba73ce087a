"""Signal services: who may report, relay, respond and close; the relay end to end through the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from companies import relay
from companies.models import LocationSignal, SignalRelay
from covenants.models import Covenant
from portal.audit.models import AuditEvent
from portal.notifications.models import Notification
from tests.covenants.factories import CovenantFactory

from .factories import SupplyLinkFactory
from .signal_helpers import PDF, colleague_of, linked_location, reported

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_ngo_and_union_report_a_signal_that_starts_as_reported(ngo_user, union_user):
    location, _users = linked_location()
    for user in (ngo_user, union_user):
        signal = reported(user, location)
        assert signal.status == LocationSignal.Status.REPORTED
        assert signal.reporter_organisation == user.organisation
    assert AuditEvent.objects.filter(action="location_signal.reported").count() == 2


@pytest.mark.parametrize("role_fixture", ["company_user", "government_user", "committee_user"])
def test_other_roles_may_not_report(request, role_fixture):
    location, _users = linked_location()
    with pytest.raises(PermissionDenied):
        reported(request.getfixturevalue(role_fixture), location)


def test_a_date_in_the_future_is_refused(ngo_user):
    location, _users = linked_location()
    with pytest.raises(ValidationError) as exc:
        reported(ngo_user, location, occurred_on=timezone.localdate() + timedelta(days=1))
    assert "occurred_on" in exc.value.error_dict


def test_evidence_is_checked_by_content_and_stored_under_a_generated_name(ngo_user):
    location, _users = linked_location()
    signal = reported(ngo_user, location, evidence=SimpleUploadedFile("../../report.pdf", PDF))
    assert signal.evidence_name == "report.pdf"
    assert "report" not in signal.evidence.name and signal.evidence.name.endswith(".pdf")
    assert signal.evidence.name.startswith("companies/signals/")


def test_evidence_that_is_not_an_allowed_type_is_refused_whatever_its_name(ngo_user):
    location, _users = linked_location()
    fake = SimpleUploadedFile("photo.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError) as exc:
        reported(ngo_user, location, evidence=fake)
    assert "PDF, PNG or JPEG" in str(exc.value.error_dict["evidence"])
    assert not LocationSignal.objects.exists()


def test_binary_content_called_text_is_refused(ngo_user):
    location, _users = linked_location()
    binary = SimpleUploadedFile("notes.txt", b"\x7fELF" + b"\x00" * 100)
    with pytest.raises(ValidationError):
        reported(ngo_user, location, evidence=binary)
    text = reported(ngo_user, location, evidence=SimpleUploadedFile("notes.txt", b"Seen on 3 May.\n"))
    assert text.evidence_name == "notes.txt"


def test_evidence_larger_than_the_limit_is_refused(ngo_user, settings):
    location, _users = linked_location()
    big = SimpleUploadedFile("big.txt", b"a" * (relay.MAX_EVIDENCE_BYTES + 1))
    with pytest.raises(ValidationError) as exc:
        reported(ngo_user, location, evidence=big)
    assert "10 MB" in str(exc.value.error_dict["evidence"])


def test_relay_creates_one_relay_per_linked_company_in_an_active_covenant(ngo_user, secretariat_user):
    location, users = linked_location(2)
    ended = CovenantFactory(status=Covenant.Status.ENDED)
    stale = SupplyLinkFactory(location=location, covenant=ended)
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    companies = set(signal.relays.values_list("company_id", flat=True))
    assert companies == {u.organisation_id for u in users}
    assert stale.company_id not in companies
    assert signal.status == LocationSignal.Status.RELAYED
    assert signal.relayed_count == 2 and signal.relayed_at is not None
    assert AuditEvent.objects.filter(action="location_signal.relayed", target_id=str(signal.pk)).exists()


def test_relay_end_to_end_mails_the_linked_company_users_in_their_language(
    ngo_user, secretariat_user, django_capture_on_commit_callbacks
):
    location, (company,) = linked_location()
    company.preferred_language = "nl"
    company.save()
    colleague = colleague_of(company, preferred_language="en")
    signal = reported(ngo_user, location)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        relay.signal_relay(actor=secretariat_user, signal_id=signal.pk)
    rows = Notification.objects.filter(kind=relay.RELAYED_KIND)
    assert {row.recipient_id for row in rows} == {company.pk, colleague.pk}
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {company.email, colleague.email}
    assert "Padma Knit Composite" in by_address[colleague.email].subject
    # The theme is given in each language; each e-mail names it in its recipient's language.
    theme = signal.theme
    assert theme.name_nl in by_address[company.email].body
    assert theme.name_en in by_address[colleague.email].body
    assert theme.name_en not in by_address[company.email].body
    assert ngo_user.email not in by_address


def test_only_the_secretariat_relays(ngo_user, company_user):
    location, _users = linked_location()
    signal = reported(ngo_user, location)
    for actor in (ngo_user, company_user):
        with pytest.raises(PermissionDenied):
            relay.signal_relay(actor=actor, signal_id=signal.pk)
    assert not SignalRelay.objects.exists()


def test_relaying_twice_adds_only_new_companies_and_mails_no_one_twice(
    ngo_user, secretariat_user, django_capture_on_commit_callbacks
):
    location, (first,) = linked_location()
    signal = reported(ngo_user, location)
    relay.signal_relay(actor=secretariat_user, signal_id=signal.pk)
    SupplyLinkFactory(location=location, covenant=first.organisation.supply_links.get().covenant)
    again = relay.signal_relay(actor=secretariat_user, signal_id=signal.pk)
    assert again.relayed_count == 2
    assert Notification.objects.filter(recipient=first, kind=relay.RELAYED_KIND).count() == 1


def test_a_location_without_linked_companies_cannot_be_relayed(ngo_user, secretariat_user):
    location, _users = linked_location(0)
    signal = reported(ngo_user, location)
    with pytest.raises(ValidationError, match="No member company"):
        relay.signal_relay(actor=secretariat_user, signal_id=signal.pk)


def test_linked_company_responds_and_another_company_cannot(ngo_user, secretariat_user, other_company_user):
    location, (company,) = linked_location()
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    item = signal.relays.get()
    with pytest.raises(SignalRelay.DoesNotExist):
        relay.signal_respond(actor=other_company_user, relay_id=item.pk, response="Not ours")
    done = relay.signal_respond(
        actor=company, relay_id=item.pk, response="We visited the site.", follow_up="Audit in March."
    )
    assert done.responded_at is not None and done.follow_up == "Audit in March."
    with pytest.raises(ValidationError):
        relay.signal_respond(actor=company, relay_id=item.pk, response="   ")


def test_close_stops_relays_and_responses(ngo_user, secretariat_user):
    location, (company,) = linked_location()
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    with pytest.raises(PermissionDenied):
        relay.signal_close(actor=ngo_user, signal_id=signal.pk)
    closed = relay.signal_close(actor=secretariat_user, signal_id=signal.pk)
    assert closed.status == LocationSignal.Status.CLOSED
    with pytest.raises(ValidationError):
        relay.signal_relay(actor=secretariat_user, signal_id=signal.pk)
    with pytest.raises(ValidationError):
        relay.signal_respond(actor=company, relay_id=signal.relays.get().pk, response="Late")
