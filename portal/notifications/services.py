"""Writing notifications (the outbox) and delivering them.

`notification_enqueue` is called inside the caller's transaction. Delivery is scheduled with
`transaction.on_commit`, so nothing is sent for a change that rolled back, and a broker that is
down only delays delivery: the row stays pending until the sweep picks it up.

Delivery is at-least-once (docs/adr/0001-notification-outbox.md): an attempt is first recorded and
committed as a lease (status "sending", attempt counted), then the mail server is contacted outside
any transaction or row lock, then the result is recorded. A worker that dies after the server
accepted the message leaves a "sending" row whose lease expires; the sweep sends it again with the
same Message-ID, so the duplicate is recognisable. Failed attempts back off exponentially (capped
at an hour) and the message is given up only after about two days of attempts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record

from .kinds import format_text, get_kind, render
from .models import Notification

logger = logging.getLogger(__name__)

#: How long one claimed attempt may take before another worker may try again.
LEASE = timedelta(minutes=10)
#: Retry delays: 1, 2, 4, 8, 16, 32 minutes, then every hour.
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=1)
#: 54 attempts span about 48 hours (63 minutes for the first seven, then hourly): an outage of a
#: day does not fail mail for good, and a message that crashes the worker still ends as failed.
MAX_EMAIL_ATTEMPTS = 54
#: The sweep claims no new row after this long, so it ends well within its task's time limit even
#: when every attempt waits for the SMTP timeout.
SWEEP_BUDGET = timedelta(seconds=60)
#: Used when the settings give no SMTP timeout: a hanging mail server must never block a worker.
DEFAULT_SMTP_TIMEOUT = 10


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th attempt: doubling from one minute, capped at an hour."""
    return min(FIRST_RETRY_DELAY * 2 ** min(max(attempts - 1, 0), 16), MAX_RETRY_DELAY)


# --- writing --------------------------------------------------------------------------------------


def _language_of(recipient: Any) -> str:
    return getattr(recipient, "preferred_language", "") or settings.LANGUAGE_CODE


def notification_enqueue(
    *,
    recipients: Iterable[Any],
    kind: str,
    params: Mapping[str, Any] | None = None,
    url: str = "",
    email: bool = True,
    subject: Any = None,
    body: Any = "",
) -> list[Notification]:
    """Write one notification per active recipient; e-mail delivery is scheduled after commit.

    For a registered kind (see `kinds.register`) pass only `params` (JSON): the text is rendered in
    the reader's language whenever it is shown or sent. `subject`/`body` are for kinds that are not
    registered; such rows keep the text written in the recipient's language.
    """
    registered = get_kind(kind)
    if registered is not None and subject is not None:
        raise TypeError(f"notification kind {kind!r} is registered: pass params, not subject/body")
    if registered is None and subject is None:
        raise TypeError(f"notification kind {kind!r} is not registered and no subject was given")
    texts = (registered.subject, registered.body) if registered else (subject, body)
    now = timezone.now()
    rows = []
    for recipient in {r.pk: r for r in recipients if r.is_active}.values():
        with translation.override(_language_of(recipient)):
            rows.append(
                Notification(
                    recipient=recipient,
                    kind=kind,
                    params=dict(params or {}) if registered else None,
                    subject=format_text(texts[0], params or {})[:200],
                    body=format_text(texts[1], params or {}),
                    url=url,
                    created_at=now,
                    next_attempt_at=now if email else None,
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
    """Hand pending e-mails to Celery, in one message. Never raises: if the broker is down, the sweep
    retries later."""
    from portal.core.cache import mark_unreachable, recently_unreachable

    from .tasks import notification_deliver

    ids = list(notification_ids)
    if not ids:
        return
    # Eager mode (the embedded demo, unit tests) runs the task here: no broker to wait for.
    conf = notification_deliver.app.conf
    broker = "" if conf.task_always_eager else str(conf.broker_url or "")
    if recently_unreachable(broker):  # this request, or one just before, already waited for that Redis
        logger.warning("broker did not answer a moment ago; the sweep will send notifications %s", ids)
        return
    try:
        notification_deliver.apply_async((ids[0], ids[1:]), retry=False)
    except Exception:  # broker down or slow: the rows stay pending for the sweep
        if broker:
            mark_unreachable(broker)
        logger.warning("could not queue notifications %s; the sweep will retry", ids, exc_info=True)


def notification_enqueue_email(
    *, to_email: str, subject: str, body: str, kind: str = "account"
) -> Notification:
    """An e-mail only (no in-app row), e.g. an account e-mail to an address without a user yet."""
    notification = Notification.objects.create(
        recipient=None,
        to_email=to_email,
        kind=kind,
        subject=subject[:200],
        body=body,
        in_app=False,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: notification_dispatch([notification.pk]))
    return notification


# --- delivering -----------------------------------------------------------------------------------


def _due(now: datetime) -> Q:
    """Rows whose next attempt is due: pending ones, and sending ones whose lease ran out."""
    due_at = Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True)
    return (Q(email_status=Notification.EmailStatus.PENDING) & due_at) | (
        Q(email_status=Notification.EmailStatus.SENDING, lease_until__lte=now) & due_at
    )


def _claim(notification_id: int) -> Notification | None:
    """Record an attempt (status sending, attempt counted, lease set) and commit it before sending."""
    now = timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(_due(now), pk=notification_id)
            .first()
        )
        if notification is None:
            return None
        if notification.email_status == Notification.EmailStatus.SENDING:
            notification.last_error = (
                "The previous attempt did not finish (the worker stopped while sending)."
            )
        if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
            # Only an attempt that never came back gets here (a recorded failure fails the row at
            # once): the message may be what crashes the worker, so stop trying.
            notification.email_status = Notification.EmailStatus.FAILED
            notification.lease_until = notification.next_attempt_at = None
            notification.save(update_fields=["email_status", "lease_until", "next_attempt_at", "last_error"])
            logger.error(
                "gave up e-mail for notification %s after %s attempts", notification.pk, MAX_EMAIL_ATTEMPTS
            )
            return None
        notification.email_status = Notification.EmailStatus.SENDING
        notification.email_attempts += 1
        notification.lease_until = now + LEASE
        notification.next_attempt_at = now + max(retry_delay(notification.email_attempts), LEASE)
        notification.save(
            update_fields=["email_status", "email_attempts", "lease_until", "next_attempt_at", "last_error"]
        )
    return notification


def message_id(notification_id: int) -> str:
    """The same Message-ID for every attempt, so a duplicate delivery is recognisable."""
    domain = urlsplit(settings.PORTAL_BASE_URL).hostname or "portal.invalid"
    return f"<notification-{notification_id}@{domain}>"


def _address(notification: Notification) -> str:
    if notification.to_email:
        return notification.to_email
    assert notification.recipient is not None, "a notification has a recipient or an address"
    return notification.recipient.email


def _email_message(notification: Notification) -> EmailMessage:
    """The e-mail in the recipient's preferred language."""
    with translation.override(_language_of(notification.recipient)):
        text = render(notification)
    parts = [text.body]
    if notification.url:
        parts.append(f"{settings.PORTAL_BASE_URL.rstrip('/')}{notification.url}")
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_SMTP_TIMEOUT
    return EmailMessage(
        subject=" ".join(text.subject.split()),
        body="\n\n".join(p for p in parts if p),
        to=[_address(notification)],
        headers={"Message-ID": message_id(notification.pk)},
        connection=get_connection(timeout=timeout),
    )


def notification_deliver(*, notification_id: int) -> bool:
    """Try to send one due e-mail. Returns True when this call sent it.

    The attempt is claimed and committed first; the mail server is contacted outside any
    transaction, so a slow server holds no lock. A row that is not due is left alone.
    """
    notification = _claim(notification_id)
    if notification is None:
        return False
    try:
        _email_message(notification).send()
    except SoftTimeLimitExceeded:
        # The task ran out of time: the lease expires and the sweep tries again later.
        raise
    except Exception as exc:
        _record_failure(notification, exc)
        return False
    Notification.objects.filter(pk=notification.pk).update(
        email_status=Notification.EmailStatus.SENT,
        email_sent_at=timezone.now(),
        lease_until=None,
        next_attempt_at=None,
        last_error="",
    )
    return True


def _record_failure(notification: Notification, exc: Exception) -> None:
    failed = notification.email_attempts >= MAX_EMAIL_ATTEMPTS
    Notification.objects.filter(pk=notification.pk, email_status=Notification.EmailStatus.SENDING).update(
        email_status=Notification.EmailStatus.FAILED if failed else Notification.EmailStatus.PENDING,
        lease_until=None,
        next_attempt_at=None if failed else timezone.now() + retry_delay(notification.email_attempts),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    logger.warning(
        "e-mail for notification %s failed (attempt %s): %s",
        notification.pk,
        notification.email_attempts,
        exc,
    )


def notification_sweep(
    *, older_than: timedelta = timedelta(seconds=30), limit: int = 500, budget: timedelta = SWEEP_BUDGET
) -> int:
    """Deliver e-mails that are due and were not delivered after commit. Returns how many were sent.

    Claims no new row once `budget` is spent, so a hanging mail server cannot push the sweep past
    its task's time limit.
    """
    started = time.monotonic()
    now = timezone.now()
    ids = list(
        Notification.objects.filter(_due(now), created_at__lte=now - older_than)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in ids:
        if time.monotonic() - started >= budget.total_seconds():
            logger.warning("outbox sweep stopped after its time budget; the next sweep goes on")
            break
        sent += notification_deliver(notification_id=pk)
    return sent


# --- the secretariat's view on the outbox ---------------------------------------------------------


def notification_retry(*, actor: Any, notification_ids: Iterable[int]) -> int:
    """Give failed or long-waiting e-mails a fresh series of attempts, now. Returns rows reset."""
    if role_of(actor) != Role.SECRETARIAT and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Only the secretariat may do this."))
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(pk__in=list(notification_ids))
            .filter(
                Q(email_status__in=[Notification.EmailStatus.FAILED, Notification.EmailStatus.PENDING])
                | Q(email_status=Notification.EmailStatus.SENDING, lease_until__lte=now)
            )
        )
        for row in rows:
            audit_record(
                actor=actor,
                action="notification.retried",
                target=row,
                note=f"{row.email_status}, {row.email_attempts} attempts: {row.last_error}"[:500],
            )
            row.email_status, row.email_attempts = Notification.EmailStatus.PENDING, 0
            row.next_attempt_at, row.lease_until = now, None
            row.save(update_fields=["email_status", "email_attempts", "next_attempt_at", "lease_until"])
        ids = [row.pk for row in rows]
        if ids:
            transaction.on_commit(lambda: notification_dispatch(ids))
    return len(ids)


def notification_mark_read(*, user: Any, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, all) of the user's notifications read. Returns rows changed."""
    qs = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
