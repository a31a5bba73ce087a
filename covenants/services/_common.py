"""Helpers shared by the covenants services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role, role_of

# --- helpers ------------------------------------------------------------------------------------------


def _require_secretariat(actor: Any) -> None:
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may do this."))


def _users_of(organisation_ids: Iterable[int]) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id__in=list(organisation_ids),
        organisation__status=Organisation.Status.APPROVED,
        is_active=True,
    )


def _full_clean(instance: Any, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=True)
