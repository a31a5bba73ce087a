"""Personal data of an enquiry is erased a retention period (a setting) after it was closed, with its
copies in the outbox, by a daily task; open and recently closed enquiries are kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.celery import app as celery_app
from portal.enquiries import services, tasks
from portal.enquiries.models import Enquiry
from portal.notifications.models import Notification

from .helpers import enquiry

pytestmark = pytest.mark.django_db


def _closed(secretariat_user, months_ago: int, **fields) -> Enquiry:
    item = enquiry(**fields)
    services.enquiry_answer(actor=secretariat_user, enquiry_id=item.pk, answer="Our answer.")
    services.enquiry_close(actor=secretariat_user, enquiry_id=item.pk)
    Enquiry.objects.filter(pk=item.pk).update(closed_at=timezone.now() - timedelta(days=months_ago * 31))
    return item


def test_personal_data_is_erased_after_the_retention_period(secretariat_user):
    old = _closed(secretariat_user, 25, email="old@example.test")
    recent = _closed(secretariat_user, 3, email="recent@example.test")
    running = enquiry(email="running@example.test")
    assert Notification.objects.filter(to_email="old@example.test").count() == 2

    assert tasks.enquiry_retention_run() == 1

    old.refresh_from_db()
    assert (old.name, old.organisation, old.email, old.message, old.answer) == ("", "", "", "—", "—")
    assert old.erased_at is not None and old.topic == "join" and old.status == "closed"
    assert not Notification.objects.filter(to_email="old@example.test").exists()
    for kept in (recent, running):
        kept.refresh_from_db()
        assert kept.email and kept.message and kept.erased_at is None
    assert Notification.objects.filter(to_email="recent@example.test").exists()
    assert AuditEvent.objects.filter(action="enquiry.erased", target_id=str(old.pk)).count() == 1
    # A second run changes nothing.
    assert services.enquiry_retention_run() == 0


def test_the_retention_period_is_a_setting(settings, secretariat_user):
    settings.PORTAL_ENQUIRY_RETENTION_MONTHS = 2
    item = _closed(secretariat_user, 3)
    assert services.enquiry_retention_run() == 1
    item.refresh_from_db()
    assert item.erased_at is not None


def test_an_address_still_in_a_kept_enquiry_keeps_its_outbox_rows(secretariat_user):
    _closed(secretariat_user, 25, email="same@example.test")
    enquiry(email="same@example.test")
    services.enquiry_retention_run()
    assert Notification.objects.filter(to_email="same@example.test").exists()


def test_the_erasure_runs_daily_from_the_beat_schedule():
    entry = celery_app.conf.beat_schedule["enquiries-retention"]
    assert entry["task"] == "portal.enquiries.tasks.enquiry_retention_run"
    assert entry["task"] == tasks.enquiry_retention_run.name
