from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the services; the admin can only ask to send again."""

    list_display = [
        "created_at",
        "recipient",
        "to_email",
        "kind",
        "subject",
        "email_status",
        "email_attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["email_status", "kind"]
    search_fields = ["subject", "recipient__email", "to_email"]
    raw_id_fields = ["recipient"]
    actions = ["retry_sending"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Send the selected e-mails again"), permissions=["view"])
    def retry_sending(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        try:
            count = services.notification_retry(
                actor=request.user, notification_ids=queryset.values_list("pk", flat=True)
            )
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(count)d e-mail will be sent again.", "%(count)d e-mails will be sent again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
