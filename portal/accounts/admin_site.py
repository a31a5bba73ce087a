"""The Django admin without its own login: everyone signs in through the portal's login.

The admin's built-in login form knows nothing of the login lockout or two-factor authentication, so
it would be a side door around both. This site sends its login (and password change) to the
allauth pages instead, which apply the same lockout and second factor as every other login.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class PortalAdminSite(admin.AdminSite):
    site_header = _("IMVO Covenant Portal administration")
    site_title = _("IMVO Covenant Portal administration")

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        index = reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(_safe_next(request, index))
            # Signed in, but not staff: sending them to the login again would loop.
            raise PermissionDenied
        login_url = reverse("account_login")
        query = urlencode({REDIRECT_FIELD_NAME: _safe_next(request, index)})
        return HttpResponseRedirect(f"{login_url}?{query}")

    def password_change(  # type: ignore[override]  # a redirect, not the admin's form
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # One place to change a password, where tokens are revoked and the change is recorded.
        return HttpResponseRedirect(reverse("account_change_password"))
