"""The gate in front of every page: waiting organisations wait; privileged roles set up two-factor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from .mfa import mfa_missing

#: Views a user of a waiting organisation may still use.
PENDING_ALLOWED = {
    "accounts:pending",
    "account_logout",
    "set_language",
    "account_confirm_email",
    "account_email_verification_sent",
    "core:accessibility",
    "core:privacy",
    "health",
}
#: Views a privileged user without two-factor may still use, to set it up.
MFA_SETUP_ALLOWED = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_logout",
    "set_language",
    "account_reauthenticate",
    "core:accessibility",
    "core:privacy",
    "health",
}


class AccessGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        # Two-factor first, and for everyone it applies to: staff and superusers included, in the
        # admin as well as on the portal's own pages.
        if view_name not in MFA_SETUP_ALLOWED and mfa_missing(user):
            return self._deny(request, "mfa_activate_totp")
        if user.is_superuser or view_name.startswith("admin:"):
            return None
        organisation = user.organisation
        if organisation is None or not organisation.is_approved:
            if view_name in PENDING_ALLOWED:
                return None
            return self._deny(request, "accounts:pending")
        return None

    @staticmethod
    def _deny(request: HttpRequest, target: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Account not ready for use."}, status=403)
        return redirect(target)
