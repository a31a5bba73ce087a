"""The outbox against a real Celery worker and real Redis, including a broker that is down."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import transaction

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from portal.notifications.services import notification_enqueue
from portal.notifications.tasks import notification_sweep
from tests.conftest import point_broker_at
from tests.factories import user_with_role

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


def wait_until(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def mail_files(worker) -> list:
    return sorted(worker.mail_dir.glob("*.log"))


def test_notification_is_delivered_by_the_worker_after_commit(celery_live):
    user = user_with_role(Role.NGO)
    with transaction.atomic():
        (notification,) = notification_enqueue(recipients=[user], kind="test", subject="Delivered by worker")
    assert wait_until(
        lambda: Notification.objects.get(pk=notification.pk).email_status == Notification.EmailStatus.SENT
    ), "the worker did not deliver the notification"
    assert any("Delivered by worker" in f.read_text() for f in mail_files(celery_live))


def test_broker_down_request_succeeds_fast_and_sweep_delivers_exactly_once(celery_live, client):
    secretariat = user_with_role(Role.SECRETARIAT)
    before = len(mail_files(celery_live))
    point_broker_at(CLOSED_PORT_BROKER)
    try:
        started = time.monotonic()
        response = client.post(
            "/nl/account/signup/",
            {
                "email": "offline@member.test",
                "password1": "a-long-enough-pass-2026",
                "password2": "a-long-enough-pass-2026",
                "first_name": "Ola",
                "last_name": "Offline",
                "organisation_name": "Offline Kleding B.V.",
                "organisation_kind": "company",
                "kvk_number": "87654321",
            },
        )
        elapsed = time.monotonic() - started
    finally:
        point_broker_at(settings.CELERY_BROKER_URL)
    # The user's submission is saved and the page answers within ~3 s although the broker is down.
    assert response.status_code == 302
    assert elapsed < 3.5, f"signup took {elapsed:.1f}s with the broker down"
    assert User.objects.filter(email="offline@member.test").exists()
    pending = Notification.objects.filter(email_status=Notification.EmailStatus.PENDING)
    # The e-mail verification for the applicant; the secretariat hears of it once the address is verified.
    assert pending.filter(recipient=secretariat).count() == 0
    assert pending.filter(to_email="offline@member.test").count() == 1
    assert len(mail_files(celery_live)) == before

    # The broker is back: the sweep (run twice, through the worker) delivers each e-mail exactly once.
    notification_sweep.apply_async(kwargs={"older_than_seconds": 0})
    notification_sweep.apply_async(kwargs={"older_than_seconds": 0})
    assert wait_until(lambda: not Notification.objects.filter(email_status="pending").exists())
    time.sleep(1)  # let a second, wrongful delivery show up if there were one
    sent = Notification.objects.filter(pk__in=[n.pk for n in Notification.objects.all()])
    assert all(n.email_attempts == 1 and n.email_status == "sent" for n in sent)
    assert len(mail_files(celery_live)) == before + 1


def test_healthz_is_200_with_database_redis_and_worker_up(celery_live, client, settings):
    settings.PORTAL_HEALTH_TOKEN = "monitor-secret"  # the details are for a monitor with the token
    response = client.get("/healthz", HTTP_X_HEALTH_TOKEN="monitor-secret")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["workers"]["count"] >= 1
