"""Output and input shapes of the companies API. Rules on what is shown stay in the selectors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import selectors
from ..imports.result import RowStatus
from ..models import (
    LocationMatch,
    LocationUpload,
    ProductCategory,
    ProductionLocation,
    SupplyLink,
    Tier,
)


class PublicLocationSerializer(serializers.ModelSerializer[ProductionLocation]):
    """One location of the aggregated public list. The number of member companies is given only from the
    threshold on; below it `company_count` is null and `fewer_than` holds the threshold."""

    country = serializers.CharField(source="country.code", read_only=True, help_text="ISO 3166-1 alpha-2.")
    company_count = serializers.SerializerMethodField(
        help_text="Member companies sourcing here; null below the threshold."
    )
    fewer_than = serializers.SerializerMethodField(
        help_text='The threshold when the count is below it ("fewer than N"), else null.'
    )
    companies = serializers.SerializerMethodField(
        help_text="Names of the member companies that allowed being named."
    )

    class Meta:
        model = ProductionLocation
        fields = [
            "public_id",
            "name",
            "address",
            "city",
            "postal_code",
            "country",
            "sector",
            "processing_type",
            "worker_band",
            "company_count",
            "fewer_than",
            "companies",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_company_count(self, obj: Any) -> int | None:
        count = int(getattr(obj, "company_count", 0))
        return count if count >= selectors.count_threshold() else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_fewer_than(self, obj: Any) -> int | None:
        threshold = selectors.count_threshold()
        return threshold if int(getattr(obj, "company_count", 0)) < threshold else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_companies(self, obj: Any) -> list[str]:
        names: list[str] = []
        for link in getattr(obj, "public_links", []):
            if link.company.name not in names:
                names.append(link.company.name)
        return names


class MatchLocationSerializer(serializers.ModelSerializer[ProductionLocation]):
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = ProductionLocation
        fields = ["id", "public_id", "name", "address", "city", "postal_code", "country", "status"]
        read_only_fields = fields


class LocationMatchSerializer(serializers.ModelSerializer[LocationMatch]):
    """A potential match waiting for review: both locations side by side, the score and the rule."""

    candidate = MatchLocationSerializer(read_only=True)
    existing = MatchLocationSerializer(read_only=True)
    candidate_links = serializers.IntegerField(read_only=True, required=False, default=None)
    existing_links = serializers.IntegerField(read_only=True, required=False, default=None)

    class Meta:
        model = LocationMatch
        fields = [
            "id",
            "candidate",
            "existing",
            "submitted_name",
            "submitted_address",
            "score",
            "rule",
            "status",
            "candidate_links",
            "existing_links",
            "created_at",
        ]
        read_only_fields = fields


class MatchDecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=["confirm", "reject"], help_text="confirm merges the two locations; reject keeps both."
    )


class SupplyLinkSerializer(serializers.ModelSerializer[SupplyLink]):
    """One of the company's own supply links."""

    location = serializers.CharField(source="location.public_id", read_only=True)
    location_name = serializers.CharField(source="location.name", read_only=True)
    covenant = serializers.CharField(source="covenant.slug", read_only=True)
    tier = serializers.IntegerField(read_only=True, help_text="1, 2, or 3 for tier 3 or further.")

    class Meta:
        model = SupplyLink
        fields = [
            "id",
            "location",
            "location_name",
            "covenant",
            "tier",
            "product_categories",
            "first_year",
            "last_year",
            "show_publicly",
        ]
        read_only_fields = fields


class SupplyLinkChangeSerializer(serializers.Serializer):
    """The fields a company sets on its link; checks of meaning (future years, order) are the model's."""

    tier = serializers.ChoiceField(choices=Tier.values, required=False)
    product_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=ProductCategory.values), required=False, max_length=50
    )
    first_year = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=32767)
    last_year = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=32767)
    show_publicly = serializers.BooleanField(required=False)


class SupplyLinkCreateSerializer(SupplyLinkChangeSerializer):
    location = serializers.CharField(max_length=32, help_text="The location's public ID.")
    covenant = serializers.SlugField(max_length=100, help_text="The covenant's slug.")


class LocationUploadSerializer(serializers.ModelSerializer[LocationUpload]):
    """An upload's status, its counts and the progress of the job that checks or applies it."""

    covenant = serializers.CharField(source="covenant.slug", read_only=True)
    progress = serializers.SerializerMethodField(help_text="Percent done of the running step (0-100).")

    class Meta:
        model = LocationUpload
        fields = [
            "id",
            "covenant",
            "original_name",
            "status",
            "message",
            "progress",
            "rows",
            "valid",
            "rejected",
            "duplicates",
            "created",
            "matched",
            "updated",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField())
    def get_progress(self, obj: LocationUpload) -> int:
        return int(obj.job.progress) if obj.job is not None else 0


class UploadCreateInputSerializer(serializers.Serializer):
    covenant = serializers.SlugField(
        max_length=100, help_text="The covenant's slug (one you are a member of)."
    )
    file = serializers.FileField(help_text="A CSV, XLSX or ODS file with the template's columns.")


class UploadRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    status = serializers.ChoiceField(choices=RowStatus.values)
    name = serializers.CharField()
    reason = serializers.CharField()
