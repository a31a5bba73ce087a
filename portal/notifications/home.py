"""The latest notifications on every role's home page (one query)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from .selectors import notification_list_for

SHOWN = 5


def recent_section(request: HttpRequest) -> Mapping[str, Any]:
    return {
        "recent_notifications": list(
            notification_list_for(request.user).order_by("-created_at", "-pk")[:SHOWN]
        )
    }
