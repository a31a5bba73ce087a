"""The Django admin reads covenants; it never writes them. Every covenant row here has a service that
owns it (covenant_create/update/transition, party_add/end, steering_member_add/end with the guardian
grants, meeting_create/update with the minutes checks, the membership moves, cycle_create/update/open/
close), so the admin is read-only for all of them and the portal's own screens make the changes."""

from django.contrib import admin

from portal.admin_tools import ReadOnlyAdminMixin

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


class PartyInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Party
    extra = 0
    fields = ["organisation", "role", "joined_on", "left_on"]


class SteeringGroupMemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SteeringGroupMember
    extra = 0
    fields = ["person_name", "represents", "organisation", "user", "is_chair", "since", "until"]


@admin.register(Covenant)
class CovenantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "sector", "status", "starts_on", "ends_on"]
    list_filter = ["status", "sector"]
    search_fields = ["name_nl", "name_en", "slug"]
    inlines = [PartyInline, SteeringGroupMemberInline]


@admin.register(RiskTheme)
class RiskThemeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "name_nl", "code", "is_standard", "covenant", "position"]
    list_filter = ["is_standard"]
    search_fields = ["name_en", "name_nl", "code"]


@admin.register(SteeringGroupMeeting)
class SteeringGroupMeetingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["covenant", "held_on", "minutes_name"]
    list_filter = ["covenant"]


class MembershipEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MembershipEvent
    extra = 0
    fields = ["created_at", "actor", "from_status", "to_status", "effective_on", "note"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["company", "covenant", "status", "applied_at", "joined_on", "ended_on"]
    list_filter = ["status", "covenant"]
    search_fields = ["company__name", "covenant__name_en"]
    inlines = [MembershipEventInline]


@admin.register(AnnualCycle)
class AnnualCycleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["covenant", "year", "status", "self_assessment_due", "review_due"]
    list_filter = ["status", "year"]
