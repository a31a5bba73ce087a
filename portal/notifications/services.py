"""Writing notifications (the outbox) and delivering them.

`notification_enqueue` is called inside the caller's transaction. Delivery is scheduled with
`transaction.on_commit`, so nothing is sent for a change that rolled back, and a broker that is
down only delays delivery: the row stays pending until the sweep picks it up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 8


def _render(text: Any, params: Mapping[str, Any]) -> str:
    rendered = str(text)
    return rendered.format(**params) if params else rendered


def notification_enqueue(
    *,
    recipients: Iterable[Any],
    kind: str,
    subject: Any,
    body: Any = "",
    params: Mapping[str, Any] | None = None,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Write one notification per recipient, each in the recipient's own language.

    `subject` and `body` are (lazily) translatable strings with `{name}` placeholders filled from
    `params`. E-mail delivery is scheduled after the surrounding transaction commits.
    """
    rows = []
    for recipient in {r.pk: r for r in recipients if r.is_active}.values():
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            rows.append(
                Notification(
                    recipient=recipient,
                    kind=kind,
                    subject=_render(subject, params or {})[:200],
                    body=_render(body, params or {}),
                    url=url,
                    email_status=(
                        Notification.EmailStatus.PENDING if email else Notification.EmailStatus.SKIPPED
                    ),
                )
            )
    created = Notification.objects.bulk_create(rows)
    ids = [row.pk for row in created if row.email_status == Notification.EmailStatus.PENDING]
    if ids:
        transaction.on_commit(lambda: notification_dispatch(ids))
    return created


def notification_dispatch(notification_ids: Iterable[int]) -> None:
    """Hand pending e-mails to Celery. Never raises: if the broker is down, the sweep retries later."""
    from .tasks import notification_deliver

    for notification_id in notification_ids:
        try:
            notification_deliver.apply_async((notification_id,), retry=False)
        except Exception:  # broker down or slow: the row stays pending for the sweep
            logger.warning(
                "could not queue notification %s; the sweep will retry", notification_id, exc_info=True
            )
            return


def notification_enqueue_email(
    *, to_email: str, subject: str, body: str, kind: str = "account"
) -> Notification:
    """An e-mail only (no in-app row), e.g. an account e-mail to an address without a user yet."""
    notification = Notification.objects.create(
        recipient=None, to_email=to_email, kind=kind, subject=subject[:200], body=body, in_app=False
    )
    transaction.on_commit(lambda: notification_dispatch([notification.pk]))
    return notification


def notification_deliver(*, notification_id: int) -> bool:
    """Send one pending e-mail, exactly once. Returns True when this call sent it.

    The row is locked while sending, so a task and the sweep cannot both send it; a row that is no
    longer pending is left alone.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, email_status=Notification.EmailStatus.PENDING)
            .first()
        )
        if notification is None:
            return False
        try:
            send_mail(
                subject=notification.subject,
                message=_email_body(notification),
                from_email=None,
                recipient_list=[_address(notification)],
            )
        except Exception as exc:
            notification.email_attempts += 1
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
                notification.email_status = Notification.EmailStatus.FAILED
            notification.save(update_fields=["email_attempts", "last_error", "email_status"])
            logger.warning("e-mail for notification %s failed: %s", notification_id, exc)
            return False
        notification.email_attempts += 1
        notification.email_status = Notification.EmailStatus.SENT
        notification.email_sent_at = timezone.now()
        notification.last_error = ""
        notification.save(update_fields=["email_attempts", "email_status", "email_sent_at", "last_error"])
        return True


def _address(notification: Notification) -> str:
    if notification.to_email:
        return notification.to_email
    assert notification.recipient is not None, "a notification has a recipient or an address"
    return notification.recipient.email


def _email_body(notification: Notification) -> str:
    parts = [notification.body]
    if notification.url:
        parts.append(f"{settings.PORTAL_BASE_URL.rstrip('/')}{notification.url}")
    return "\n\n".join(p for p in parts if p)


def notification_sweep(*, older_than: timedelta = timedelta(seconds=30), limit: int = 500) -> int:
    """Deliver pending e-mails that were not delivered after commit. Returns how many were sent."""
    cutoff = timezone.now() - older_than
    ids = list(
        Notification.objects.filter(email_status=Notification.EmailStatus.PENDING, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if notification_deliver(notification_id=pk))


def notification_mark_read(*, user: Any, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, all) of the user's notifications read. Returns rows changed."""
    qs = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
