"""Failed e-mails are visible to the secretariat, with a way to send them again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def row(user, *, status: str, error: str = "", age: timedelta = timedelta(0), subject: str = "Subject"):
    return Notification.objects.create(
        recipient=user,
        kind="test",
        subject=subject,
        email_status=status,
        email_attempts=54 if status == "failed" else 3,
        last_error=error,
        created_at=timezone.now() - age,
        next_attempt_at=None if status in ("failed", "sent") else timezone.now() + timedelta(minutes=30),
    )


def test_the_secretariat_sees_failed_and_long_waiting_emails_with_their_last_error(
    client_for, secretariat_user, company_user
):
    row(company_user, status="failed", error="SMTPRecipientsRefused: no such user", subject="Failed one")
    row(company_user, status="pending", error="timed out", age=timedelta(hours=3), subject="Waiting one")
    row(company_user, status="pending", subject="Fresh one")
    row(company_user, status="sent", age=timedelta(days=2), subject="Sent one")
    client = client_for(secretariat_user)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "Failed one" in page and "SMTPRecipientsRefused: no such user" in page
    assert "Waiting one" in page and "timed out" in page
    assert "Fresh one" not in page and "Sent one" not in page
    failed_only = client.get(reverse("notifications:outbox"), {"status": "failed"}).content.decode()
    assert "Failed one" in failed_only and "Waiting one" not in failed_only
    waiting_only = client.get(reverse("notifications:outbox"), {"status": "waiting"}).content.decode()
    assert "Waiting one" in waiting_only and "Failed one" not in waiting_only


def test_an_unknown_filter_gets_an_error_next_to_the_field(client_for, secretariat_user):
    response = client_for(secretariat_user).get(reverse("notifications:outbox"), {"status": "everything"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="status-error"' in body and "everything" in body
    assert 'aria-invalid="true"' in body


def test_the_outbox_page_is_paginated_with_a_fixed_query_budget(
    client_for, secretariat_user, company_user, django_assert_max_num_queries
):
    client = client_for(secretariat_user)
    for size in (3, 30):
        while Notification.objects.count() < size:
            row(company_user, status="failed", subject=f"Mail {Notification.objects.count()}")
        with django_assert_max_num_queries(10):
            page = client.get(reverse("notifications:outbox")).content.decode()
    assert page.count("/retry/") == 25
    assert "page=2" in page and 'rel="next"' in page
    second = client.get(reverse("notifications:outbox"), {"status": "problems", "page": 2}).content.decode()
    assert second.count("/retry/") == 5


@pytest.mark.parametrize("role_user", ["company_user", "committee_user", "ngo_user"])
def test_only_the_secretariat_sees_the_outbox(client_for, role_user, request, company_user):
    failed = row(company_user, status="failed")
    client = client_for(request.getfixturevalue(role_user))
    assert client.get(reverse("notifications:outbox")).status_code == 404
    assert client.post(reverse("notifications:outbox-retry", kwargs={"pk": failed.pk})).status_code == 404
    failed.refresh_from_db()
    assert failed.email_status == "failed"


def test_send_again_resets_the_email_audits_it_and_delivers_it(
    client_for, secretariat_user, company_user, django_capture_on_commit_callbacks
):
    failed = row(company_user, status="failed", error="SMTPServerDisconnected")
    client = client_for(secretariat_user)
    assert client.get(reverse("notifications:outbox-retry", kwargs={"pk": failed.pk})).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("notifications:outbox-retry", kwargs={"pk": failed.pk}), {"status": "failed"}
        )
    assert response.status_code == 302 and response["Location"].endswith("?status=failed")
    failed.refresh_from_db()
    assert failed.email_status == Notification.EmailStatus.SENT
    assert failed.email_attempts == 1
    assert [m.to for m in mail.outbox] == [[company_user.email]]
    event = AuditEvent.objects.get(action="notification.retried")
    assert event.actor == secretariat_user and event.target_id == str(failed.pk)
    assert "failed, 54 attempts: SMTPServerDisconnected" in event.note


def test_a_sent_email_cannot_be_sent_again_from_the_page(client_for, secretariat_user, company_user):
    sent = row(company_user, status="sent", age=timedelta(days=1))
    response = client_for(secretariat_user).post(
        reverse("notifications:outbox-retry", kwargs={"pk": sent.pk})
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="notification.retried").exists()


def test_the_admin_lists_emails_read_only_with_a_send_again_action(
    client, company_user, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    failed = row(company_user, status="failed", error="SMTPDataError: 554")
    changelist = reverse("admin:notifications_notification_changelist")
    page = client.get(changelist, {"email_status__exact": "failed"}).content.decode()
    assert "SMTPDataError: 554" in page and "retry_sending" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "retry_sending", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.email_status == Notification.EmailStatus.SENT
    assert AuditEvent.objects.filter(action="notification.retried", actor=admin).count() == 1
    change = client.post(
        reverse("admin:notifications_notification_change", args=[failed.pk]), {"subject": "changed"}
    )
    assert change.status_code == 403
    failed.refresh_from_db()
    assert failed.subject == "Subject"


def test_an_email_being_sent_right_now_is_left_to_its_worker(client_for, secretariat_user, company_user):
    sending = row(company_user, status="sending", age=timedelta(hours=2))
    Notification.objects.filter(pk=sending.pk).update(lease_until=timezone.now() + timedelta(minutes=5))
    client = client_for(secretariat_user)
    response = client.post(reverse("notifications:outbox-retry", kwargs={"pk": sending.pk}), follow=True)
    sending.refresh_from_db()
    assert sending.email_status == "sending" and sending.email_attempts == 3
    assert not AuditEvent.objects.filter(action="notification.retried").exists()
    assert len(list(response.context["messages"])) == 1
