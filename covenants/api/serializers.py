"""Input and output shapes of the covenants API. Validation of meaning stays in the services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Covenant, Membership, Party, RiskTheme


class RiskThemeSerializer(serializers.ModelSerializer[RiskTheme]):
    name = serializers.CharField(read_only=True, help_text="In the request's language.")

    class Meta:
        model = RiskTheme
        fields = ["code", "name", "name_nl", "name_en", "is_standard"]
        read_only_fields = fields


class ComplaintStageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    name = serializers.CharField()
    indicative_days = serializers.IntegerField()


class PartySerializer(serializers.ModelSerializer[Party]):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Party
        fields = ["organisation", "role", "joined_on", "left_on"]
        read_only_fields = fields


class CovenantSerializer(serializers.ModelSerializer[Covenant]):
    name = serializers.CharField(read_only=True, help_text="In the request's language.")
    description = serializers.CharField(read_only=True, help_text="In the request's language.")
    member_count = serializers.IntegerField(read_only=True, help_text="Current (active) members.")
    themes = RiskThemeSerializer(many=True, read_only=True)

    class Meta:
        model = Covenant
        fields = [
            "slug",
            "name",
            "name_nl",
            "name_en",
            "description",
            "description_nl",
            "description_en",
            "sector",
            "status",
            "signed_on",
            "starts_on",
            "ends_on",
            "member_count",
            "themes",
        ]
        read_only_fields = fields


class CovenantDetailSerializer(CovenantSerializer):
    secretariat = serializers.CharField(source="secretariat.name", read_only=True)
    parties = serializers.SerializerMethodField(help_text="Current parties other than member companies.")
    complaint_time_frames = serializers.SerializerMethodField(
        help_text="Indicative time frame per stage of the complaint mechanism."
    )

    class Meta(CovenantSerializer.Meta):
        fields = [*CovenantSerializer.Meta.fields, "secretariat", "parties", "complaint_time_frames"]
        read_only_fields = fields

    @extend_schema_field(PartySerializer(many=True))
    def get_parties(self, obj: Covenant) -> Any:
        return PartySerializer(getattr(obj, "current_parties", []), many=True).data

    @extend_schema_field(ComplaintStageSerializer(many=True))
    def get_complaint_time_frames(self, obj: Covenant) -> Any:
        return [
            {"stage": stage, "name": label, "indicative_days": days}
            for stage, label, days in obj.complaint_stage_days()
        ]


class CovenantMemberSerializer(serializers.ModelSerializer[Membership]):
    """What the public may know of a member: the company's name and since when it is a member."""

    company = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["company", "joined_on"]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    covenant: serializers.SlugRelatedField[Covenant] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    covenant_name = serializers.CharField(source="covenant.name", read_only=True)
    company = serializers.CharField(source="company.name", read_only=True)
    company_id = serializers.IntegerField(read_only=True)
    end_reason = serializers.ChoiceField(
        choices=Membership.EndReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty unless ended.",
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "covenant",
            "covenant_name",
            "company",
            "company_id",
            "status",
            "applied_at",
            "decided_at",
            "decision_note",
            "joined_on",
            "ended_on",
            "end_reason",
            "contact_name",
            "contact_email",
            "contact_phone",
            "employees",
            "turnover_band",
            "sourcing_countries",
            "declaration_accepted",
        ]
        read_only_fields = fields


class MembershipApplicationInputSerializer(serializers.Serializer):
    covenant = serializers.SlugField(max_length=80, help_text="The slug of the covenant to join.")
    contact_name = serializers.CharField(max_length=200)
    contact_email = serializers.EmailField(max_length=254)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    employees = serializers.IntegerField(min_value=1, max_value=10_000_000)
    turnover_band = serializers.ChoiceField(choices=Membership.TurnoverBand.choices)
    sourcing_countries = serializers.CharField(
        max_length=400, help_text="Two-letter ISO codes separated by commas, e.g. BD, CN, IN."
    )
    declaration_accepted = serializers.BooleanField(help_text="Must be true: the adherence declaration.")


class MembershipDecideInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The reasons; required to reject."
    )
    joined_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="When approving; today if left out."
    )
