"""The Django admin reads locations, links, matches and history; it never writes them. Each has a
service that owns it (location_match_or_create, location_merge and its undo, the match decisions,
supply_link_create), so the admin is read-only and the portal's own screens make the changes."""

from django.contrib import admin

from portal.admin_tools import ReadOnlyAdminMixin

from .models import LocationEvent, LocationMatch, ProductionLocation, SupplyLink


class LocationEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LocationEvent
    fk_name = "location"
    extra = 0
    fields = ["created_at", "kind", "other_location", "actor", "from_status", "to_status", "undone_at"]


@admin.register(ProductionLocation)
class ProductionLocationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["public_id", "name", "city", "country", "processing_type", "status"]
    list_filter = ["status", "country", "processing_type"]
    search_fields = ["public_id", "name", "name_key", "os_hub_id"]
    show_full_result_count = False
    inlines = [LocationEventInline]


@admin.register(SupplyLink)
class SupplyLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["company", "location", "covenant", "tier", "show_publicly"]
    list_filter = ["tier", "show_publicly", "covenant"]
    list_select_related = ["company", "location", "covenant"]
    raw_id_fields = ["company", "location", "covenant"]


@admin.register(LocationMatch)
class LocationMatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["submitted_name", "existing", "score", "rule", "status", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["existing"]
    raw_id_fields = ["candidate", "existing", "decided_by"]
