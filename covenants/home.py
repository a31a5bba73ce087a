"""What covenants adds to the platform's home pages (registered in apps.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from . import selectors

#: How many memberships the company's home page lists before linking to the full list.
HOME_MEMBERSHIPS = 5


def company_section(request: HttpRequest) -> Mapping[str, Any]:
    """The company's latest memberships: one query."""
    memberships = list(selectors.membership_list_for(request.user)[: HOME_MEMBERSHIPS + 1])
    return {
        "memberships": memberships[:HOME_MEMBERSHIPS],
        "more_memberships": len(memberships) > HOME_MEMBERSHIPS,
    }


def secretariat_section(request: HttpRequest) -> Mapping[str, Any]:
    """Counts of covenants, waiting applications and open cycles: three COUNT queries."""
    return {"summary": selectors.secretariat_summary_for(request.user)}
