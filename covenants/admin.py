"""The Django admin is a read-mostly back office: statuses change only through the services (the
portal's own screens), so status fields and history are read-only here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from guardian.admin import GuardedModelAdmin

from .models import (
    AnnualCycle,
    Covenant,
    Membership,
    MembershipEvent,
    Party,
    RiskTheme,
    SteeringGroupMeeting,
    SteeringGroupMember,
)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    raw_id_fields = ["organisation"]


class SteeringGroupMemberInline(admin.TabularInline):
    model = SteeringGroupMember
    extra = 0
    raw_id_fields = ["organisation", "user"]


@admin.register(Covenant)
class CovenantAdmin(GuardedModelAdmin):
    list_display = ["name_en", "sector", "status", "starts_on", "ends_on"]
    list_filter = ["status", "sector"]
    search_fields = ["name_nl", "name_en", "slug"]
    readonly_fields = ["status", "status_changed_at", "created_at", "updated_at"]
    filter_horizontal = ["themes"]
    inlines = [PartyInline, SteeringGroupMemberInline]


@admin.register(RiskTheme)
class RiskThemeAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_nl", "code", "is_standard", "covenant", "position"]
    list_filter = ["is_standard"]
    search_fields = ["name_en", "name_nl", "code"]


@admin.register(SteeringGroupMeeting)
class SteeringGroupMeetingAdmin(admin.ModelAdmin):
    list_display = ["covenant", "held_on", "minutes_name"]
    list_filter = ["covenant"]
    readonly_fields = ["minutes", "minutes_name", "created_by", "created_at", "updated_at"]


class MembershipEventInline(admin.TabularInline):
    model = MembershipEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "effective_on", "note"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["company", "covenant", "status", "applied_at", "joined_on", "ended_on"]
    list_filter = ["status", "covenant"]
    search_fields = ["company__name", "covenant__name_en"]
    raw_id_fields = ["company", "applied_by", "decided_by"]
    readonly_fields = [
        "covenant",
        "company",
        "status",
        "applied_at",
        "applied_by",
        "decided_at",
        "decided_by",
        "decision_note",
        "joined_on",
        "ended_on",
        "end_reason",
        "status_changed_at",
        "updated_at",
    ]
    inlines = [MembershipEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AnnualCycle)
class AnnualCycleAdmin(admin.ModelAdmin):
    list_display = ["covenant", "year", "status", "self_assessment_due", "review_due"]
    list_filter = ["status", "year"]
    readonly_fields = [
        "status",
        "opened_at",
        "opened_by",
        "closed_at",
        "closed_by",
        "close_forced",
        "close_reason",
        "reminder_sent_at",
    ]
