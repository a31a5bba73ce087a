"""The notification outbox, with tasks run eagerly (the real worker is in test_outbox_worker.py)."""

from __future__ import annotations

import contextlib
import threading
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.roles import Role
from portal.notifications import services
from portal.notifications.models import Notification
from tests.factories import user_with_role


def enqueue(user, **kwargs):
    return services.notification_enqueue(
        recipients=[user], kind="test", subject="Hello {name}", body="Body", params={"name": "Ada"}, **kwargs
    )


def make_due(notification: Notification) -> None:
    """Let the clock pass the row's next attempt (and its lease)."""
    past = timezone.now() - timedelta(seconds=1)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=past, lease_until=past)


class WorkerKilled(BaseException):
    """Stands for the worker process dying: nothing in the service may catch it."""


class AcceptThenDie(BaseEmailBackend):
    """The mail server accepts the message, then the worker dies before it records that."""

    accepted: list = []

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        AcceptThenDie.accepted.extend(email_messages)
        raise WorkerKilled


class AlwaysCrash(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise WorkerKilled


class OutOfTime(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise SoftTimeLimitExceeded


class SeenFromAnotherConnection(BaseEmailBackend):
    """Records what another database connection sees of the row while the server is contacted."""

    seen: list = []

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        def look() -> None:
            SeenFromAnotherConnection.seen.append(
                Notification.objects.values_list("email_status", "email_attempts").get()
            )
            connection.close()

        thread = threading.Thread(target=look)
        thread.start()
        thread.join(10)
        return len(email_messages)


@pytest.mark.django_db
def test_nothing_is_sent_before_commit_and_everything_after(company_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue(company_user)
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert [m.subject for m in mail.outbox] == ["Hello Ada"]
    assert Notification.objects.get().email_status == Notification.EmailStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_leaves_no_notification():
    user = user_with_role(Role.COMPANY)
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(user)
        raise RuntimeError("the change failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_delivery_happens_once_even_when_asked_twice(company_user):
    (notification,) = enqueue(company_user)
    assert services.notification_deliver(notification_id=notification.pk) is True
    assert services.notification_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_attempt_is_committed_before_the_mail_server_is_contacted(settings):
    user = user_with_role(Role.COMPANY)
    (notification,) = enqueue(user, email=True)
    Notification.objects.update(email_status="pending", email_attempts=0, next_attempt_at=timezone.now())
    SeenFromAnotherConnection.seen = []
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.SeenFromAnotherConnection"
    assert services.notification_deliver(notification_id=notification.pk) is True
    # Another worker (connection) sees the claimed attempt while the server is being contacted.
    assert SeenFromAnotherConnection.seen == [("sending", 1)]
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT


@pytest.mark.django_db
def test_worker_killed_after_the_server_accepted_sends_again_with_the_same_message_id(company_user, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    (notification,) = enqueue(company_user)
    AcceptThenDie.accepted = []
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.AcceptThenDie"
    with pytest.raises(WorkerKilled):
        services.notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENDING
    assert notification.email_attempts == 1
    assert notification.lease_until > timezone.now()
    # While the lease runs, neither the task nor the sweep touches the row.
    assert services.notification_deliver(notification_id=notification.pk) is False
    assert services.notification_sweep(older_than=timedelta(0)) == 0

    make_due(notification)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.notification_sweep(older_than=timedelta(0)) == 1
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.email_attempts == 2
    # At least once: the message went out twice, recognisably the same message.
    expected = f"<notification-{notification.pk}@portal.example.org>"
    assert AcceptThenDie.accepted[0].extra_headers["Message-ID"] == expected
    assert mail.outbox[0].message()["Message-ID"] == expected


@pytest.mark.django_db
def test_a_message_that_crashes_the_worker_ends_failed_instead_of_being_retried_for_ever(
    company_user, settings
):
    (notification,) = enqueue(company_user)
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.AlwaysCrash"
    for _ in range(services.MAX_EMAIL_ATTEMPTS + 5):
        with contextlib.suppress(WorkerKilled):
            services.notification_deliver(notification_id=notification.pk)
        make_due(notification)
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert notification.email_attempts == services.MAX_EMAIL_ATTEMPTS
    assert "did not finish" in notification.last_error


@pytest.mark.django_db
def test_mail_failure_keeps_the_row_pending_and_backs_off(company_user, settings):
    (notification,) = enqueue(company_user)
    settings.EMAIL_BACKEND = "tests.portal.broken_mail.BrokenBackend"
    before = timezone.now()
    assert services.notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert notification.email_attempts == 1
    assert "SMTP" in notification.last_error
    assert before + timedelta(seconds=55) < notification.next_attempt_at < before + timedelta(seconds=65)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Not retried before its time, then delivered by the sweep.
    assert services.notification_sweep(older_than=timedelta(0)) == 0
    make_due(notification)
    assert services.notification_sweep(older_than=timedelta(0)) == 1
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.next_attempt_at is None
    assert len(mail.outbox) == 1


def test_retry_delays_double_from_a_minute_and_stop_at_an_hour():
    minutes = [services.retry_delay(n).total_seconds() / 60 for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert services.retry_delay(500) == timedelta(hours=1)


@pytest.mark.django_db
def test_an_outage_of_a_day_does_not_fail_mail_but_two_days_do(company_user, settings):
    (notification,) = enqueue(company_user)
    settings.EMAIL_BACKEND = "tests.portal.broken_mail.BrokenBackend"
    waited = timedelta(0)
    attempts = 0
    while notification.email_status != Notification.EmailStatus.FAILED and attempts < 200:
        services.notification_deliver(notification_id=notification.pk)
        attempts += 1
        notification.refresh_from_db()
        if notification.next_attempt_at is not None:
            if waited < timedelta(hours=24):
                assert notification.email_status == Notification.EmailStatus.PENDING
            waited += notification.next_attempt_at - timezone.now()
            make_due(notification)
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert attempts == services.MAX_EMAIL_ATTEMPTS
    assert timedelta(hours=47) < waited < timedelta(hours=50)


@pytest.mark.django_db
def test_celerys_time_limit_is_never_swallowed(company_user, settings):
    (notification,) = enqueue(company_user)
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.OutOfTime"
    with pytest.raises(SoftTimeLimitExceeded):
        services.notification_deliver(notification_id=notification.pk)
    make_due(notification)
    with pytest.raises(SoftTimeLimitExceeded):
        services.notification_sweep(older_than=timedelta(0))
    notification.refresh_from_db()
    # The row keeps its lease, so the next sweep tries again after it.
    assert notification.email_status == Notification.EmailStatus.SENDING
    assert notification.email_attempts == 2


class Slow(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        threading.Event().wait(0.4)
        return len(email_messages)


@pytest.mark.django_db
def test_sweep_claims_no_new_row_once_its_budget_is_spent(company_user, settings):
    for _ in range(5):
        enqueue(company_user)
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.Slow"
    sent = services.notification_sweep(older_than=timedelta(0), budget=timedelta(seconds=0.6))
    assert sent == 2
    assert Notification.objects.filter(email_attempts=0, email_status="pending").count() == 3


@pytest.mark.django_db
def test_without_an_smtp_timeout_setting_a_default_timeout_is_used(company_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = None
    (notification,) = enqueue(company_user, email=False)
    assert services._email_message(notification).connection.timeout == services.DEFAULT_SMTP_TIMEOUT


@pytest.mark.django_db
def test_sweep_leaves_fresh_rows_to_the_after_commit_task(company_user):
    enqueue(company_user)
    assert services.notification_sweep(older_than=timedelta(minutes=5)) == 0


@pytest.mark.django_db
def test_header_shows_unread_count_and_list_marks_read(client_for, company_user):
    enqueue(company_user, email=False)
    enqueue(company_user, email=False)
    client = client_for(company_user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert '<span class="badge">2<span class="visually-hidden">' in page
    first = Notification.objects.filter(recipient=company_user).first()
    client.post(reverse("notifications:open", kwargs={"pk": first.pk}))
    page = client.get(reverse("notifications:list")).content.decode()
    assert '<span class="badge">1<span class="visually-hidden">' in page
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(recipient=company_user, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_other_users_notification_gives_404(client_for, company_user, other_company_user):
    (n,) = enqueue(company_user, email=False)
    response = client_for(other_company_user).post(reverse("notifications:open", kwargs={"pk": n.pk}))
    assert response.status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


@pytest.mark.django_db
def test_notification_list_has_a_fixed_query_budget(client_for, company_user, django_assert_max_num_queries):
    client = client_for(company_user)
    for size in (3, 60):
        while Notification.objects.filter(recipient=company_user).count() < size:
            enqueue(company_user, email=False)
        with django_assert_max_num_queries(8):
            body = client.get(reverse("notifications:list")).content.decode()
        assert body.count("<strong>Hello Ada</strong>") == min(size, 20)  # 20 a page
