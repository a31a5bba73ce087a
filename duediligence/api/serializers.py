"""Shapes of the due-diligence API. Who sees what is the selectors' business; what is valid, the
services' (their errors come back at the fields). Input serializers only check types and sizes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from covenants.api.serializers import country_codes_field
from covenants.models import AnnualCycle

from ..models import (
    Action,
    ActionProgress,
    Answer,
    AnswerType,
    Assessment,
    Involvement,
    OecdStep,
    Question,
    Risk,
)
from ..priority import Level, Likelihood, Priority

#: The largest id a body or query may name (PostgreSQL's integer).
MAX_ID = 2**31 - 1


class NamedChoiceField(serializers.ChoiceField):
    """A choice field with its choices fixed by its class (made by `named_enum`)."""

    pairs: list[tuple[Any, Any]] = []

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.pairs, **kwargs)


def named_enum(name: str, choices: Iterable[tuple[Any, Any]]) -> type[NamedChoiceField]:
    """A choice field that is one named enum of the schema wherever it is used, so the same choices
    under several names (the three severity scales) or in input and output stay one enum."""
    pairs = list(choices)
    values = [value for value, _label in pairs]
    kind = "integer" if all(isinstance(value, int) for value in values) else "string"
    field = type(name, (NamedChoiceField,), {"pairs": pairs})
    return extend_schema_field({"type": kind, "enum": values}, component_name=name)(field)


AssessmentStatusField = named_enum("AssessmentStatusEnum", Assessment.Status.choices)
RiskStatusField = named_enum("RiskStatusEnum", Risk.Status.choices)
ActionStatusField = named_enum("ActionStatusEnum", Action.Status.choices)
ConfirmationField = named_enum("RemediationConfirmationEnum", Action.Confirmation.choices)
InvolvementField = named_enum("InvolvementEnum", Involvement.choices)
LevelField = named_enum("SeverityLevelEnum", Level.choices)
LikelihoodField = named_enum("LikelihoodEnum", Likelihood.choices)
PriorityField = named_enum("RiskPriorityEnum", Priority.choices)
AnswerTypeField = named_enum("AnswerTypeEnum", AnswerType.choices)
StepField = named_enum("OecdStepEnum", OecdStep.choices)


def id_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- self-assessments --------------------------------------------------------------------------------


class StartableCycleSerializer(serializers.ModelSerializer[AnnualCycle]):
    """An open cycle the company can start its self-assessment for."""

    covenant = serializers.CharField(source="covenant.slug", read_only=True)
    covenant_name = serializers.CharField(source="covenant.name", read_only=True)

    class Meta:
        model = AnnualCycle
        fields = ["id", "covenant", "covenant_name", "year", "self_assessment_due"]
        read_only_fields = fields


class StartInputSerializer(serializers.Serializer):
    carry_over = serializers.BooleanField(
        default=False, help_text="Start from the answers of the last accepted self-assessment."
    )


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    company_name = serializers.CharField(source="company.name", read_only=True)
    covenant = serializers.CharField(source="covenant.slug", read_only=True)
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    due_on = serializers.DateField(source="cycle.self_assessment_due", read_only=True)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    status = AssessmentStatusField(read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id", "company", "company_name", "covenant", "cycle", "year", "due_on", "framework",
            "framework_version", "status", "status_changed_at", "score", "carried_over_from",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer[Answer]):
    question_code = serializers.CharField(source="question.code", read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "id", "question", "question_code", "choice", "text", "number", "evidence_name",
            "has_evidence", "version", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_has_evidence(self, obj: Answer) -> bool:
        return bool(obj.evidence)


class StepProgressSerializer(serializers.Serializer):
    """The required questions of one OECD step and how many have a complete answer."""

    step = StepField(read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]  # a field, not the label
    total = serializers.IntegerField(read_only=True)
    done = serializers.IntegerField(read_only=True)
    percent = serializers.IntegerField(read_only=True)


class MissingAnswerSerializer(serializers.Serializer):
    """A required question without a complete answer, and what is missing."""

    question = serializers.IntegerField(source="question.pk", read_only=True)
    code = serializers.CharField(source="question.code", read_only=True)
    step = StepField(source="question.section.step", read_only=True)
    reason = serializers.CharField(read_only=True)


class FeedbackSerializer(serializers.Serializer):
    """The secretariat's feedback on one answer (an empty text: none)."""

    question = serializers.IntegerField(source="question_id", read_only=True)
    text = serializers.CharField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


class AssessmentDetailSerializer(AssessmentSerializer):
    """The self-assessment with its answers, the progress per OECD step, the required answers still
    missing, and the feedback (for the company: once the secretariat has decided)."""

    answers = AnswerSerializer(many=True, read_only=True)
    steps = StepProgressSerializer(many=True, read_only=True, source="api_steps")
    missing = MissingAnswerSerializer(many=True, read_only=True, source="api_missing")
    feedback = FeedbackSerializer(many=True, read_only=True, source="api_feedback")

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "answers", "steps", "missing", "feedback"]
        read_only_fields = fields


class ChoiceOptionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="In the request's language.")  # type: ignore[assignment]  # a field, not the label
    points = serializers.IntegerField(help_text="0 to 100.")


class QuestionSerializer(serializers.ModelSerializer[Question]):
    """A question of the framework, in the request's language."""

    step = StepField(source="section.step", read_only=True)
    section = serializers.CharField(source="section.code", read_only=True)
    section_title = serializers.CharField(source="section.title", read_only=True)
    answer_type = AnswerTypeField(read_only=True)
    text = serializers.CharField(read_only=True)
    help = serializers.CharField(read_only=True)
    unit = serializers.CharField(read_only=True)
    choices = serializers.SerializerMethodField(help_text="For a choice question: the options.")

    class Meta:
        model = Question
        fields = [
            "id", "code", "step", "section", "section_title", "answer_type", "required", "weight",
            "text", "help", "unit", "min_value", "max_value", "choices",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(ChoiceOptionSerializer(many=True))
    def get_choices(self, obj: Question) -> list[dict[str, Any]]:
        return [
            {"code": code, "label": label, "points": points} for code, label, points in obj.choice_options()
        ]


class QuestionFilterSerializer(serializers.Serializer):
    step = StepField(required=False, help_text="Only the questions of this OECD step.")


class AssessmentFilterSerializer(serializers.Serializer):
    status = AssessmentStatusField(required=False)
    company = id_field(required=False, help_text="For the secretariat: one company's.")


class AnswerInputSerializer(serializers.Serializer):
    """One answer; which parts count depends on the question's type. Incomplete answers may be saved:
    completeness counts on submitting."""

    choice = serializers.CharField(
        max_length=32, allow_blank=True, default="", help_text="yes, partly or no; or an option's code."
    )
    text = serializers.CharField(
        max_length=10_000, allow_blank=True, default="", help_text="The explanation."
    )
    number = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)


class AnswerCreateInputSerializer(AnswerInputSerializer):
    question = id_field()
    version = id_field(
        allow_null=True, default=None, help_text="The version you changed; null for a first answer."
    )


class AnswerCreateUploadSerializer(AnswerCreateInputSerializer):
    evidence = serializers.FileField(required=False, help_text="PDF, PNG, JPEG, ODT, DOCX or text, 10 MB.")


class AnswerUpdateInputSerializer(AnswerInputSerializer):
    version = id_field(
        allow_null=True, help_text="The version of the answer you changed; null if there was none yet."
    )


class AnswerUpdateUploadSerializer(AnswerUpdateInputSerializer):
    evidence = serializers.FileField(required=False, help_text="PDF, PNG, JPEG, ODT, DOCX or text, 10 MB.")


class AnswerConflictSerializer(serializers.Serializer):
    """The answer was saved elsewhere after your copy was loaded: nothing was overwritten."""

    detail = serializers.CharField()
    stored = AnswerSerializer(help_text="The answer as it is stored now.")


class SubmitErrorSerializer(serializers.Serializer):
    non_field_errors = serializers.ListField(child=serializers.CharField())
    missing = MissingAnswerSerializer(many=True, required=False, help_text="The incomplete answers.")


# --- the risk register and the action plan -----------------------------------------------------------


class RiskSerializer(serializers.ModelSerializer[Risk]):
    company_name = serializers.CharField(source="company.name", read_only=True)
    theme = serializers.CharField(source="theme.code", read_only=True)
    theme_name = serializers.CharField(source="theme.name", read_only=True)
    countries = serializers.SerializerMethodField(help_text="ISO 3166-1 alpha-2 codes.")
    locations = serializers.SerializerMethodField(help_text="Public IDs of production locations.")
    involvement = InvolvementField(read_only=True)
    scale = LevelField(read_only=True)
    scope = LevelField(read_only=True)
    irremediable = LevelField(read_only=True)
    likelihood = LikelihoodField(read_only=True)
    severity = LevelField(read_only=True, help_text="The highest of the three scales.")
    priority = PriorityField(read_only=True)
    status = RiskStatusField(read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id", "company", "company_name", "theme", "theme_name", "title", "description", "countries",
            "locations", "involvement", "actual", "scale", "scope", "irremediable", "likelihood",
            "severity", "priority", "priority_rank", "status", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries(self, obj: Risk) -> list[str]:
        return [country.code for country in obj.countries]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_locations(self, obj: Risk) -> list[str]:
        return [location.public_id for location in obj.locations.all()]


class RiskFilterSerializer(serializers.Serializer):
    company = id_field(required=False, help_text="For the secretariat: one company's.")


class RiskInputSerializer(serializers.Serializer):
    """An entry of the risk register; its priority follows from the scales by the documented rule."""

    theme = serializers.SlugField(max_length=80, help_text="A standard risk theme's code or your covenant's.")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, allow_blank=True, default="")
    countries = country_codes_field(default=list, max_length=250)
    locations = serializers.ListField(
        child=serializers.CharField(max_length=32),
        default=list,
        max_length=500,
        help_text="Public IDs of production locations your company has disclosed.",
    )
    involvement = InvolvementField()
    actual = serializers.BooleanField(default=False, help_text="The impact has happened.")
    scale = LevelField()
    scope = LevelField()
    irremediable = LevelField()
    likelihood = LikelihoodField()
    status = RiskStatusField(default=Risk.Status.IDENTIFIED)


class ActionSerializer(serializers.ModelSerializer[Action]):
    company_name = serializers.CharField(source="company.name", read_only=True)
    risk_title = serializers.CharField(source="risk.title", read_only=True)
    status = ActionStatusField(read_only=True)
    remediation_confirmation = ConfirmationField(read_only=True)
    overdue = serializers.SerializerMethodField(help_text="Past its due date and not done.")

    class Meta:
        model = Action
        fields = [
            "id", "company", "company_name", "risk", "risk_title", "title", "description", "owner",
            "starts_on", "due_on", "status", "progress", "overdue", "remediation",
            "remediation_confirmation", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, obj: Action) -> bool:
        return obj.is_overdue()


class ActionFilterSerializer(serializers.Serializer):
    risk = id_field(required=False, help_text="Only the actions against this risk.")
    company = id_field(required=False, help_text="For the secretariat: one company's.")


class ActionInputSerializer(serializers.Serializer):
    """An action of the plan (its risk is chosen when it is created and stays)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, allow_blank=True, default="")
    owner = serializers.CharField(max_length=200, help_text="Who is responsible (a person or a role).")
    starts_on = serializers.DateField(allow_null=True, default=None)
    due_on = serializers.DateField()
    status = ActionStatusField(default=Action.Status.PLANNED)
    remediation = serializers.CharField(
        max_length=10_000, allow_blank=True, default="", help_text="Where the company caused or contributed."
    )
    remediation_confirmation = ConfirmationField(default=Action.Confirmation.UNKNOWN)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A change of one date is checked against the other one as stored.
        starts_on = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        due_on = attrs.get("due_on", getattr(self.instance, "due_on", None))
        if starts_on and due_on and starts_on > due_on:
            raise serializers.ValidationError(
                {"starts_on": [_("Give a start date on or before the due date.")]}
            )
        return attrs


class ActionCreateInputSerializer(ActionInputSerializer):
    risk = id_field(help_text="One of your company's risks.")


class ProgressSerializer(serializers.ModelSerializer[ActionProgress]):
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = ActionProgress
        fields = ["id", "action", "on", "note", "percentage", "evidence_name", "has_evidence", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_has_evidence(self, obj: ActionProgress) -> bool:
        return bool(obj.evidence)


class ProgressInputSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="Not in the future.")
    note = serializers.CharField(max_length=5000)
    percentage = serializers.IntegerField(min_value=0, max_value=100, help_text="100: the action is done.")


class ProgressUploadSerializer(ProgressInputSerializer):
    evidence = serializers.FileField(required=False, help_text="PDF, PNG, JPEG, ODT, DOCX or text, 10 MB.")
