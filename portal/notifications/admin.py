from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "email_status", "email_attempts", "read_at"]
    list_filter = ["email_status", "kind"]
    search_fields = ["subject", "recipient__email"]
    raw_id_fields = ["recipient"]
