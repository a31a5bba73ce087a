from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext


@dataclass(frozen=True)
class PortalSite:
    """What the account e-mails call "the site": the portal's name and the address it is reached at."""

    name: str
    domain: str


def portal_site(request: HttpRequest | None) -> PortalSite:
    domain = get_current_site(request).domain if request is not None else ""
    return PortalSite(name=gettext("IMVO Covenant Portal"), domain=domain)


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends account e-mails through the outbox, so a mail server that is down loses nothing."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("accounts:home")

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from portal.notifications.services import notification_enqueue_email

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": portal_site(request), **context}
        message = self.render_mail(template_prefix, email, ctx)
        notification_enqueue_email(to_email=email, subject=str(message.subject), body=str(message.body))
