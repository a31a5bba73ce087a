"""What the due-diligence services share: who may act, and for which company."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import Role, role_of


def require_secretariat(actor: Any) -> None:
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may do this."))


def require_company(actor: Any) -> int:
    """The actor's company id; PermissionDenied for anyone who does not act for a company."""
    if role_of(actor) != Role.COMPANY or not getattr(actor, "organisation_id", None):
        raise PermissionDenied(_("Only member companies may do this."))
    return int(actor.organisation_id)
