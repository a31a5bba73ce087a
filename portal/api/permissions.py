"""API permissions. The default (REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]) is `DenyAll`: an
endpoint that does not state who may use it is closed to everyone, signed in or not."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import AllowAny, BasePermission


class DenyAll(BasePermission):
    """Nobody may use the endpoint: the default until a view states its own permission classes."""

    message = "This endpoint does not state who may use it, so nobody may."

    def has_permission(self, request: Any, view: Any) -> bool:
        return False

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        return False


class PublicAccess(AllowAny):
    """Everyone, signed in or not, on purpose. Use it together with `portal.access.public`."""
