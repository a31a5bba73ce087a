from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends account e-mails through the outbox, so a mail server that is down loses nothing."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("accounts:home")

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from portal.notifications.services import notification_enqueue_email

        message = self.render_mail(template_prefix, email, context)
        notification_enqueue_email(to_email=email, subject=str(message.subject), body=str(message.body))
