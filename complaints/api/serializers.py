"""Shapes of the complaints API. A case never carries the complainant's identity here: that is read
only on the case page, through the logged identity service."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from covenants.models import ComplaintStage
from duediligence.api.serializers import named_enum

from ..models import Complaint, Message, Publication, Visibility
from ..models.case import TEXT_MAX
from ..status import CaseStatus

CaseStatusField = named_enum("ComplaintStatusEnum", CaseStatus.choices)
FilerField = named_enum("ComplainantKindEnum", Complaint.Filer.choices)
VisibilityField = named_enum("MessageVisibilityEnum", Visibility.choices)
StageField = named_enum("ComplaintStageEnum", ComplaintStage.choices)


class FileInputSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=200, help_text="A random key per complaint: sending it again returns the same case."
    )
    covenant = serializers.SlugField()
    filer = FilerField()
    on_behalf_of = serializers.CharField(max_length=300, allow_blank=True, default="")
    company = serializers.IntegerField(required=False, allow_null=True, default=None)
    location = serializers.IntegerField(required=False, allow_null=True, default=None)
    themes = serializers.ListField(child=serializers.SlugField(), default=list, max_length=20)
    country = serializers.CharField(max_length=2, allow_blank=True, default="")
    what_happened = serializers.CharField(max_length=TEXT_MAX)
    happened_on = serializers.DateField(required=False, allow_null=True, default=None)
    outcome_sought = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, default="")
    anonymous = serializers.BooleanField(default=False)
    share_identity = serializers.BooleanField(default=False)
    name = serializers.CharField(max_length=200, allow_blank=True, default="")
    organisation = serializers.CharField(max_length=200, allow_blank=True, default="")
    email = serializers.EmailField(allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, allow_blank=True, default="")
    language = serializers.CharField(max_length=10, default="en")


class FiledSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = CaseStatusField()
    receipt_code = serializers.CharField(
        allow_null=True, help_text="Only in the answer to the filing itself, for a filing without an account."
    )
    created = serializers.BooleanField(help_text="False when the same token was sent before.")


class CaseSerializer(serializers.ModelSerializer[Complaint]):
    covenant: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    status = CaseStatusField()
    filer = FilerField()
    company = serializers.CharField(source="company.name", default=None, read_only=True)
    stage_due_at = serializers.DateTimeField(read_only=True, allow_null=True, default=None)
    #: The ISO code ("" when none was given); the model field holds a Country object.
    country = serializers.CharField(source="country.code", read_only=True, default="")

    class Meta:
        model = Complaint
        fields = ["reference", "kind", "covenant", "status", "status_changed_at", "filer", "company",
                  "country", "created_at", "stage_due_at", "paused_since"]  # fmt: skip
        read_only_fields = fields


class MessageSerializer(serializers.ModelSerializer[Message]):
    visibility = VisibilityField()

    class Meta:
        model = Message
        fields = ["id", "party", "visibility", "body", "created_at"]
        read_only_fields = fields


class CaseDetailSerializer(serializers.Serializer):
    case = CaseSerializer(source="complaint")
    what_happened = serializers.CharField(source="complaint.what_happened")
    outcome_sought = serializers.CharField(source="complaint.outcome_sought")
    party = serializers.CharField()
    due_at = serializers.DateTimeField(allow_null=True)
    messages = MessageSerializer(many=True)
    events = serializers.SerializerMethodField()

    def get_events(self, case: Any) -> list[dict[str, Any]]:
        return [
            {"at": e.created_at, "from": e.from_status, "to": e.to_status, "reason": e.reason}
            for e in case.events
        ]


class MoveInputSerializer(serializers.Serializer):
    to_status = CaseStatusField()
    reason = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, default="")


class MessageInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=TEXT_MAX)
    visibility = VisibilityField(default=Visibility.PARTIES)


class ReceiptInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)


class PublicationSerializer(serializers.ModelSerializer[Publication]):
    reference = serializers.CharField(source="complaint.reference")
    covenant = serializers.CharField(source="complaint.covenant.slug")
    outcome = serializers.SerializerMethodField()
    ruling_nl = serializers.SerializerMethodField()
    ruling_en = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = ["reference", "covenant", "summary_nl", "summary_en", "outcome", "ruling_nl", "ruling_en",
                  "withheld", "published_at"]  # fmt: skip
        read_only_fields = fields

    def _ruling(self, publication: Publication) -> Any:
        return getattr(publication.complaint, "ruling", None) if publication.ruling_published else None

    def get_outcome(self, publication: Publication) -> str | None:
        ruling = self._ruling(publication)
        return ruling.outcome if ruling else None

    def get_ruling_nl(self, publication: Publication) -> str | None:
        ruling = self._ruling(publication)
        return ruling.text_nl if ruling else None

    def get_ruling_en(self, publication: Publication) -> str | None:
        ruling = self._ruling(publication)
        return ruling.text_en if ruling else None


class StageFigureSerializer(serializers.Serializer):
    stage = serializers.CharField()
    median_days = serializers.FloatField(allow_null=True)


class PerformanceSerializer(serializers.Serializer):
    covenant = serializers.CharField(source="covenant.slug")
    year = serializers.IntegerField()
    received = serializers.IntegerField()
    admissible = serializers.IntegerField()
    settled = serializers.IntegerField()
    ruled = serializers.IntegerField()
    within_frame_percent = serializers.IntegerField(source="within_frame", allow_null=True)
    satisfaction = serializers.FloatField(allow_null=True)
    answers = serializers.IntegerField()
    stages = serializers.SerializerMethodField()

    def get_stages(self, figures: Any) -> list[dict[str, Any]]:
        return [{"stage": stage, "median_days": days} for stage, days in figures.median_days]
