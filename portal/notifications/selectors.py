from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def notification_list_for(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user, in_app=True).only(
        "id", "subject", "body", "url", "created_at", "read_at", "kind"
    )


def notification_unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()
