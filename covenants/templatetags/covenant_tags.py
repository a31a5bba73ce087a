"""Covenant sections on the role home pages (templates/components/role_sections.html)."""

from __future__ import annotations

from typing import Any

from django import template

from portal.accounts.roles import Role, role_of

from .. import selectors

register = template.Library()

#: How many memberships the company's home page lists before linking to the full list.
HOME_MEMBERSHIPS = 5


@register.inclusion_tag("covenants/_role_section.html", takes_context=True)
def covenant_role_section(context: dict[str, Any]) -> dict[str, Any]:
    """One query for a company (its latest memberships), three for the secretariat (counts)."""
    user = context.get("user")
    role = role_of(user)
    data: dict[str, Any] = {"role": role, "Role": Role}
    if role == Role.COMPANY:
        memberships = list(selectors.membership_list_for(user)[: HOME_MEMBERSHIPS + 1])
        data["memberships"] = memberships[:HOME_MEMBERSHIPS]
        data["more_memberships"] = len(memberships) > HOME_MEMBERSHIPS
    elif role == Role.SECRETARIAT:
        data["summary"] = selectors.secretariat_summary_for(user)
    return data
