"""Helpers for the Django admin. The admin is a back office for reading: state that a service owns
(statuses, kinds, grants, closed periods) is never written here, so the services' checks, group sync,
audit and notifications cannot be skipped."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """Staff may list and view the rows; nobody adds, changes or deletes them in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
