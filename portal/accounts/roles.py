"""Roles: the kind of the user's organisation decides the role.

Coarse rights are Django groups (one per role) with model permissions. Each app declares what its
roles may do in `<app>/permissions.py` as ROLE_PERMISSIONS = {Role: ["app_label.codename", ...]};
`sync_role_groups` gathers them after every migrate, so the groups always follow the code.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import User

logger = logging.getLogger(__name__)


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    COMMITTEE = "committee", _("Complaints committee")
    COMPANY = "company", _("Company")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
    GOVERNMENT = "government", _("Government")
    TRADE_UNION = "trade_union", _("Trade union")
    NGO = "ngo", _("NGO")


#: Roles whose users must use two-factor authentication when PORTAL_REQUIRE_MFA is on.
PRIVILEGED_ROLES = frozenset({Role.SECRETARIAT, Role.COMMITTEE})


def group_name(role: Role | str) -> str:
    return f"role:{Role(role).value}"


def role_of(user: Any) -> Role | None:
    """The role of a signed-in user of an approved organisation; None for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return None
    organisation = getattr(user, "organisation", None)
    if organisation is None or not organisation.is_approved:
        return None
    return Role(organisation.kind)


def has_role(user: User | Any, *roles: Role) -> bool:
    role = role_of(user)
    return role is not None and role in roles


def _declared_permissions() -> dict[str, set[str]]:
    declared: dict[str, set[str]] = {role.value: set() for role in Role}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.permissions":
                raise
            continue
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            declared[Role(role).value].update(perms)
    return declared


def sync_role_groups(sender: Any = None, **kwargs: Any) -> None:
    """Create one group per role and give it exactly the permissions the apps declare."""
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    declared = _declared_permissions()
    for role in Role:
        group, _created = Group.objects.using(using).get_or_create(name=group_name(role))
        wanted = declared[role.value]
        perms = []
        for dotted in sorted(wanted):
            app_label, codename = dotted.split(".", 1)
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is None:
                # The app's migration may not have run yet during this migrate; the next pass adds it.
                logger.debug("permission %s not found yet", dotted)
                continue
            perms.append(perm)
        group.permissions.set(perms)
