"""Organisations and users in the admin. An organisation's status and kind belong to the services
(`organisation_decide` syncs the role groups, records the decision and tells the users), so they are
read-only here; approving goes through that service as an admin action."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .services import organisation_decide

#: Written only by organisation_decide.
DECISION_FIELDS = ["status", "decision_note", "decided_at", "decided_by", "created_at", "updated_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kvk_number", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "kvk_number"]
    actions = ["approve_selected"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The kind decides the role: chosen once when the row is made, never changed afterwards.
        return DECISION_FIELDS + (["kind"] if obj is not None else [])

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Approve the selected account requests"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        approved = 0
        for organisation in queryset.filter(status=Organisation.Status.PENDING):
            try:
                organisation_decide(actor=request.user, organisation_id=organisation.pk, approve=True)  # type: ignore[arg-type]
            except (PermissionDenied, ValidationError) as exc:
                message = "; ".join(getattr(exc, "messages", None) or [str(exc)])
                self.message_user(request, f"{organisation}: {message}", messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(request, _("%(count)d requests approved.") % {"count": approved})


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "organisation__kind"]
    search_fields = ["email", "first_name", "last_name"]
    raw_id_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "organisation", "preferred_language")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving a user to another organisation changes its role, which the services own
        # (user_sync_role_group); the role groups follow the organisation, not the admin.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "organisation"] if obj is not None else readonly
