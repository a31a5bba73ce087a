from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from portal.accounts.roles import Role, role_of
from portal.core.languages import complainant_languages, main_languages
from portal.notifications.selectors import notification_unread_count


def portal(request: HttpRequest) -> dict[str, Any]:
    """What base.html needs on every page: the user's role and their unread notification count."""
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else None
    match = getattr(request, "resolver_match", None)
    offered = complainant_languages()
    if not getattr(getattr(match, "func", None), "complainant_languages", False):
        offered = [(code, name) for code, name in offered if code in main_languages()]
    return {
        "site_languages": offered,
        "current_role": role,
        "Role": Role,
        "unread_notifications": notification_unread_count(user) if role is not None else 0,
    }
