"""The notification outbox, with tasks run eagerly (the real worker is in test_outbox_worker.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from portal.accounts.roles import Role
from portal.notifications import services
from portal.notifications.models import Notification
from tests.factories import user_with_role


def enqueue(user, **kwargs):
    return services.notification_enqueue(
        recipients=[user], kind="test", subject="Hello {name}", body="Body", params={"name": "Ada"}, **kwargs
    )


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


@pytest.mark.django_db
def test_mail_failure_keeps_the_row_pending_for_the_sweep(company_user, settings):
    (notification,) = enqueue(company_user)
    settings.EMAIL_BACKEND = "tests.portal.broken_mail.BrokenBackend"
    assert services.notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert notification.email_attempts == 1
    assert "SMTP" in notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.notification_sweep(older_than=timedelta(0)) == 1
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sweep_leaves_fresh_rows_to_the_after_commit_task(company_user):
    enqueue(company_user)
    assert services.notification_sweep(older_than=timedelta(minutes=5)) == 0


@pytest.mark.django_db
def test_notification_is_written_in_the_recipients_language(company_user):
    from django.utils.translation import gettext_lazy as _

    company_user.preferred_language = "en"
    company_user.save()
    (n,) = services.notification_enqueue(recipients=[company_user], kind="t", subject=_("Notifications"))
    assert n.subject == "Notifications"


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
