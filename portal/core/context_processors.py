from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from portal.accounts.roles import Role, role_of
from portal.notifications.selectors import notification_unread_count


def portal(request: HttpRequest) -> dict[str, Any]:
    """What base.html needs on every page: the user's role and their unread notification count."""
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else None
    return {
        "current_role": role,
        "Role": Role,
        "unread_notifications": notification_unread_count(user) if role is not None else 0,
    }
