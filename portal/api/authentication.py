"""API authentication with the portal's own named tokens, behind the same gate as the pages.

DRF authenticates inside the view, after every middleware has run, so the page gate
(AccessGateMiddleware) never sees a token user. This class applies the same rules itself: a user
whose organisation is not approved, or who must use two-factor authentication and has not enrolled
it, gets 403 with a message that says why.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.request import Request

from portal.accounts.mfa import mfa_missing
from portal.accounts.tokens import api_token_authenticate


def check_account_gate(user: Any) -> None:
    """Raise PermissionDenied when the signed-in user may not use the API yet."""
    if mfa_missing(user):
        raise exceptions.PermissionDenied(
            _(
                "Two-factor authentication is required for your account. Set it up in the portal "
                "before you use the API."
            )
        )
    if user.is_superuser:
        return
    organisation = user.organisation
    if organisation is None or not organisation.is_approved:
        raise exceptions.PermissionDenied(_("Your organisation has not been approved yet."))


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`) with a key made on the tokens page."""

    keywords = (b"token", b"bearer")

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        token = api_token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        check_account_gate(token.user)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class GatedSessionAuthentication(SessionAuthentication):
    """Session authentication with the same gate (the page middleware covers it too; belt and braces)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None:
            check_account_gate(result[0])
        return result


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token header."""

    target_class = "portal.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A token made on the "API tokens" page, sent as `Token <key>`.',
        }


class GatedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.GatedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
