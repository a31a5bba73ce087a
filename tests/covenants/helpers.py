"""Helpers shared by the covenants page tests."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from portal.accounts.roles import Role

ROLES = [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION, Role.SECRETARIAT]


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"covenants:{name}", args=args)


def user_for(make_user, role):
    return make_user(role) if role is not None else None
