"""Input and output shapes of the covenants API. Validation of meaning stays in the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.decisions import check_rejection_reason

from ..models import Covenant, Membership, Party, RiskTheme


def country_codes_field(**kwargs: Any) -> serializers.ListField:
    """A list of ISO 3166-1 alpha-2 codes from the maintained list; an unknown code is refused by name."""
    return serializers.ListField(
        child=CountryField(
            error_messages={"invalid_choice": _("“{input}” is not a known ISO country code.")}
        ),
        **kwargs,
    )


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
    sourcing_countries = country_codes_field(read_only=True)
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
            *Membership.APPLICATION_FIELDS,
        ]
        read_only_fields = fields


class MembershipApplicationInputSerializer(serializers.ModelSerializer[Membership]):
    """The adherence declaration: the fields come from Membership.APPLICATION_FIELDS."""

    covenant = serializers.SlugField(max_length=80, help_text="The slug of the covenant to join.")
    sourcing_countries = country_codes_field(
        allow_empty=False, help_text='ISO 3166-1 alpha-2 codes of the sourcing countries, e.g. ["BD", "IN"].'
    )

    class Meta:
        model = Membership
        fields = ["covenant", *Membership.APPLICATION_FIELDS]
        extra_kwargs = {
            "contact_phone": {"required": False, "allow_blank": True, "default": ""},
            "employees": {"min_value": 1, "max_value": 10_000_000},
            "declaration_accepted": {
                "required": True,
                "help_text": "Must be true: the adherence declaration.",
            },
        }


class MembershipDecideInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The reasons; required to reject."
    )
    joined_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="When approving; today if left out."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            check_rejection_reason(approve=attrs["decision"] == "approve", note=attrs.get("note"))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs
