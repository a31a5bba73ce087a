"""Shapes of the signals API. A reporter never sees which companies a signal went to; the number only
from the count threshold on."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import signal_selectors
from ..models import LocationSignal, SignalRelay


class SignalSerializer(serializers.ModelSerializer[LocationSignal]):
    """A signal as its reporter sees it."""

    location = serializers.CharField(source="location.public_id", read_only=True)
    location_name = serializers.CharField(source="location.name", read_only=True)
    theme = serializers.CharField(source="theme.code", read_only=True)
    relayed_count = serializers.SerializerMethodField(
        help_text="Companies it was relayed to; null below the count threshold or before relaying."
    )
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = LocationSignal
        fields = [
            "id",
            "location",
            "location_name",
            "theme",
            "occurred_on",
            "description",
            "status",
            "relayed_at",
            "relayed_count",
            "has_evidence",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_relayed_count(self, obj: LocationSignal) -> int | None:
        return signal_selectors.relayed_count_shown(obj)

    @extend_schema_field(serializers.BooleanField())
    def get_has_evidence(self, obj: LocationSignal) -> bool:
        return bool(obj.evidence)


class SecretariatSignalSerializer(SignalSerializer):
    """A signal as the secretariat sees it: with the companies it was relayed to (confidential)."""

    companies = serializers.SerializerMethodField()

    class Meta(SignalSerializer.Meta):
        fields = [*SignalSerializer.Meta.fields, "companies"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_relayed_count(self, obj: LocationSignal) -> int | None:
        return obj.relayed_count

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_companies(self, obj: LocationSignal) -> list[str]:
        return [
            relay.company.name for relay in obj.relays.select_related("company").order_by("company__name")
        ]


class SignalRelaySerializer(serializers.ModelSerializer[SignalRelay]):
    """A signal relayed to the company, with its response."""

    location = serializers.CharField(source="signal.location.public_id", read_only=True)
    location_name = serializers.CharField(source="signal.location.name", read_only=True)
    theme = serializers.CharField(source="signal.theme.code", read_only=True)
    occurred_on = serializers.DateField(source="signal.occurred_on", read_only=True)
    description = serializers.CharField(source="signal.description", read_only=True)
    signal_status = serializers.CharField(source="signal.status", read_only=True)

    class Meta:
        model = SignalRelay
        fields = [
            "id",
            "location",
            "location_name",
            "theme",
            "occurred_on",
            "description",
            "signal_status",
            "response",
            "follow_up",
            "responded_at",
            "created_at",
        ]
        read_only_fields = fields


class SignalReportInputSerializer(serializers.Serializer):
    location = serializers.CharField(max_length=20, help_text="The location's public ID.")
    theme = serializers.CharField(max_length=64, help_text="A standard risk theme's code.")
    occurred_on = serializers.DateField()
    description = serializers.CharField(max_length=5000)
    evidence = serializers.FileField(required=False, help_text="PDF, image, ODT, DOCX or text, max. 10 MB.")


class SignalRespondInputSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=5000)
    follow_up = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
