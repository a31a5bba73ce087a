"""Who must use two-factor authentication, and whether they have set it up.

One rule for pages, the admin and API tokens: when PORTAL_REQUIRE_MFA is on, the secretariat, the
complaints committee, staff and superusers must have an authenticator app (TOTP) enrolled.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from .roles import PRIVILEGED_ROLES, Role


def mfa_required_for(user: Any) -> bool:
    """True when this signed-in user may only go on after enrolling two-factor authentication."""
    if not settings.PORTAL_REQUIRE_MFA or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    organisation = user.organisation
    return organisation is not None and Role(organisation.kind) in PRIVILEGED_ROLES


def mfa_enrolled(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_missing(user: Any) -> bool:
    """True when two-factor is required for this user but not enrolled yet."""
    return mfa_required_for(user) and not mfa_enrolled(user)
