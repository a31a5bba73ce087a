"""Who may use the enquiries pages: everybody sends an enquiry; only the secretariat reads them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import Role, role_of

INBOX_ROLES: tuple[Role, ...] = (Role.SECRETARIAT,)


def may_handle(user: Any) -> bool:
    return role_of(user) in INBOX_ROLES


def require_handler(user: Any) -> None:
    if not may_handle(user):
        raise PermissionDenied(_("Only the secretariat may do this."))
