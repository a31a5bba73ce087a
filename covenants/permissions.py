"""Who may do what with covenants (see docs/permissions.md, section "Covenants").

Pages and endpoints state their roles with the constants below; rows are scoped by selectors.py.
Model permissions per role are synchronised into the role groups after every migrate.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.roles import Role, role_of

#: Everyone may read the published covenant pages and member lists (no role needed).
MANAGE_ROLES: tuple[Role, ...] = (Role.SECRETARIAT,)
APPLY_ROLES: tuple[Role, ...] = (Role.COMPANY,)
#: Who may open the memberships pages: a company sees its own, the secretariat all of them.
MEMBERSHIP_ROLES: tuple[Role, ...] = (Role.COMPANY, Role.SECRETARIAT)

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SECRETARIAT: [
        "covenants.view_covenant",
        "covenants.add_covenant",
        "covenants.change_covenant",
        "covenants.view_governance",
        "covenants.view_risktheme",
        "covenants.add_risktheme",
        "covenants.view_party",
        "covenants.add_party",
        "covenants.change_party",
        "covenants.view_steeringgroupmember",
        "covenants.add_steeringgroupmember",
        "covenants.change_steeringgroupmember",
        "covenants.view_steeringgroupmeeting",
        "covenants.add_steeringgroupmeeting",
        "covenants.change_steeringgroupmeeting",
        "covenants.view_membership",
        "covenants.change_membership",
        "covenants.view_membershipevent",
        "covenants.view_annualcycle",
        "covenants.add_annualcycle",
        "covenants.change_annualcycle",
    ],
    Role.COMPANY: [
        "covenants.view_covenant",
        "covenants.add_membership",
        "covenants.view_membership",
    ],
    Role.INDUSTRY_ASSOCIATION: ["covenants.view_covenant"],
    Role.TRADE_UNION: ["covenants.view_covenant"],
    Role.NGO: ["covenants.view_covenant"],
    Role.GOVERNMENT: ["covenants.view_covenant"],
    Role.COMMITTEE: ["covenants.view_covenant"],
}


def can_manage_covenants(user: Any) -> bool:
    return role_of(user) in MANAGE_ROLES


def can_apply(user: Any) -> bool:
    return role_of(user) in APPLY_ROLES
