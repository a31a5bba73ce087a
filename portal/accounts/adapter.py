from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PortalSite:
    """What the account e-mails call "the site": the portal's name and the address it is reached at."""

    name: str
    domain: str


def portal_site(request: HttpRequest | None) -> PortalSite:
    domain = get_current_site(request).domain if request is not None else ""
    return PortalSite(name=gettext("IMVO Covenant Portal"), domain=domain)


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends account e-mails through the outbox, so a mail server that is down loses nothing, and
    speaks in the portal's voice (its messages are our msgids, see docs/voice.md)."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account has been switched off. Contact the secretariat."),
        "cannot_remove_primary_email": _("You cannot remove your main e-mail address."),
        "duplicate_email": _("This e-mail address is already part of your account."),
        "email_password_mismatch": _("The e-mail address or the password is not correct."),
        "email_taken": _("There already is an account with this e-mail address."),
        "enter_current_password": _("Enter your current password."),
        "incorrect_code": _("The code is not correct."),
        "incorrect_password": _("The password is not correct."),
        "invalid_or_expired_key": _("This link is not valid or has expired."),
        "invalid_login": _("You cannot log in with these details."),
        "invalid_password_reset": _("This link to reset your password is not valid or has expired."),
        "too_many_login_attempts": _("Too many failed attempts to log in. Try again in 15 minutes."),
        "unknown_email": _("There is no account with this e-mail address."),
        "unverified_primary_email": _("Confirm your main e-mail address first."),
        "same_as_current": _("This is already your e-mail address."),
        "rate_limited": _("You have sent too many requests. Wait a moment and try again."),
    }

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("accounts:home")

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from portal.notifications.services import notification_enqueue_email

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": portal_site(request), **context}
        message = self.render_mail(template_prefix, email, ctx)
        notification_enqueue_email(to_email=email, subject=str(message.subject), body=str(message.body))


class PortalMFAAdapter(DefaultMFAAdapter):
    """Two-factor messages in the portal's voice."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "You cannot add an e-mail address while two-factor authentication is on for your account."
        ),
        "cannot_delete_authenticator": _("You cannot switch off two-factor authentication."),
        "cannot_generate_recovery_codes": _(
            "Switch on two-factor authentication first; then you can make recovery codes."
        ),
        "incorrect_code": _("The code is not correct. Check the time on your phone and try again."),
        "unverified_email": _("Confirm your e-mail address before you switch on two-factor authentication."),
    }
