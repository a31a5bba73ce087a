from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Notification


def notification_list_for(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user, in_app=True).only(
        "id", "kind", "params", "subject", "body", "url", "created_at", "read_at"
    )


def notification_unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


#: Pending e-mails older than this are "waiting too long" on the secretariat's outbox page.
PENDING_TOO_LONG = timedelta(hours=1)

#: The filters of the secretariat's outbox page.
OUTBOX_FILTERS = ("problems", "failed", "waiting")


def notification_outbox_list(*, status: str = "problems") -> QuerySet[Notification]:
    """E-mails that need the secretariat's attention: failed ones, and ones waiting too long.

    "waiting" means still pending (or being sent) more than PENDING_TOO_LONG after it was
    written; "problems" is both.
    """
    failed = Q(email_status=Notification.EmailStatus.FAILED)
    waiting = Q(
        email_status__in=[Notification.EmailStatus.PENDING, Notification.EmailStatus.SENDING],
        created_at__lte=timezone.now() - PENDING_TOO_LONG,
    )
    condition = {"failed": failed, "waiting": waiting}.get(status, failed | waiting)
    return (
        Notification.objects.filter(condition)
        .select_related("recipient")
        .only(
            "id",
            "kind",
            "subject",
            "to_email",
            "recipient__email",
            "created_at",
            "email_status",
            "email_attempts",
            "next_attempt_at",
            "last_error",
        )
        .order_by("-created_at", "-pk")
    )
