"""The secretariat's review API: take a submitted self-assessment into review, score a section (an
adjusted score with its reason), give feedback on an answer, and decide (accept, or request changes
with the overall feedback). Through `duediligence.services.reviews`; nobody else gets anything.

The review's own shapes live here, beside the operations that use them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import ERROR, FORBIDDEN, NOT_FOUND, drf_error
from portal.access import get_visible_or_404

from .. import selectors, services
from ..models import Assessment, Question, QuestionFeedback, Section, SectionScore
from . import SECRETARIAT
from .serializers import (
    AssessmentSerializer,
    AssessmentStatusField,
    FeedbackSerializer,
    StepField,
    named_enum,
)

DecisionField = named_enum(
    "ReviewDecisionEnum", [("accept", "accept"), ("request_changes", "request changes")]
)


class SectionScoreSerializer(serializers.ModelSerializer[SectionScore]):
    code = serializers.CharField(source="section.code", read_only=True)
    step = StepField(source="section.step", read_only=True)
    title = serializers.CharField(source="section.title", read_only=True)
    weight = serializers.IntegerField(source="section.weight", read_only=True)

    class Meta:
        model = SectionScore
        fields = ["section", "code", "step", "title", "weight", "proposed", "score", "reason", "updated_at"]
        read_only_fields = fields


class ReviewSerializer(serializers.Serializer):
    """The review of one self-assessment: the score per section (computed, and the reviewer's), the
    feedback per answer, and the total that accepting now would give."""

    assessment = serializers.IntegerField(source="assessment.pk")
    status = AssessmentStatusField(source="assessment.status")
    total = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    sections = SectionScoreSerializer(many=True)
    feedback = FeedbackSerializer(many=True)


class SectionScoreInputSerializer(serializers.Serializer):
    score = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, help_text="0 to 100; null: the computed score."
    )
    reason = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        default="",
        help_text="Needed when it differs from the computed one.",
    )


class FeedbackInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10_000, allow_blank=True, help_text="An empty text removes it.")


class DecisionInputSerializer(serializers.Serializer):
    decision = DecisionField()
    note = serializers.CharField(
        max_length=10_000, allow_blank=True, default="", help_text="The overall feedback; needed for changes."
    )


def _assessment(request: Request, pk: int) -> Assessment:
    return selectors.assessment_get_for(request.user, pk)


def _review(assessment: Assessment) -> Any:
    sections = list(
        SectionScore.objects.filter(assessment=assessment)
        .select_related("section")
        .order_by("section__step", "section__position", "section__code")
    )
    body = {
        "assessment": assessment,
        "total": services.review_total(assessment) if sections else None,
        "sections": sections,
        "feedback": list(QuestionFeedback.objects.filter(assessment=assessment).order_by("question_id")),
    }
    return ReviewSerializer(body).data


class ReviewDetailApi(APIView):
    """Secretariat: the review of a self-assessment as it stands."""

    permission_classes = SECRETARIAT

    @extend_schema(
        operation_id="assessments_review_retrieve",
        responses={200: ReviewSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_review(_assessment(request, pk)))


class ReviewStartApi(APIView):
    """Secretariat: take a submitted self-assessment into review; every section's score is computed
    and proposed (a resubmission keeps the reviewer's scores and reasons)."""

    permission_classes = SECRETARIAT

    @extend_schema(
        operation_id="assessments_review_start",
        request=None,
        responses={200: ReviewSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        try:
            started = services.review_start(actor=request.user, assessment_id=assessment.pk)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(_review(started))


class SectionScoreSetApi(APIView):
    """Secretariat: the score of one section of a self-assessment under review; a score other than
    the computed one needs its reason."""

    permission_classes = SECRETARIAT

    @extend_schema(
        operation_id="assessments_review_section_score",
        request=SectionScoreInputSerializer,
        responses={200: SectionScoreSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, pk: int, section_id: int) -> Response:
        assessment = _assessment(request, pk)
        section = get_visible_or_404(
            Section.objects.filter(framework_id=assessment.framework_id), pk=section_id
        )
        data = SectionScoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            row = services.section_score_set(
                actor=request.user,
                assessment_id=assessment.pk,
                section_id=section.pk,
                score=data.validated_data["score"],
                reason=data.validated_data["reason"],
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        row.section = section
        return Response(SectionScoreSerializer(row).data)


class QuestionFeedbackSetApi(APIView):
    """Secretariat: the feedback on one answer of a self-assessment under review (an empty text removes
    it). The company sees it once the decision is made."""

    permission_classes = SECRETARIAT

    @extend_schema(
        operation_id="assessments_review_feedback",
        request=FeedbackInputSerializer,
        responses={200: FeedbackSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, pk: int, question_id: int) -> Response:
        assessment = _assessment(request, pk)
        question = get_visible_or_404(
            Question.objects.filter(section__framework_id=assessment.framework_id), pk=question_id
        )
        data = FeedbackInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            feedback = services.question_feedback_set(
                actor=request.user,
                assessment_id=assessment.pk,
                question_id=question.pk,
                text=data.validated_data["text"],
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        if feedback is None:
            return Response(
                FeedbackSerializer({"question_id": question.pk, "text": "", "updated_at": None}).data
            )
        return Response(FeedbackSerializer(feedback).data)


class ReviewDecideApi(APIView):
    """Secretariat: accept a self-assessment under review (with the total of the section scores), or
    request changes with the overall feedback."""

    permission_classes = SECRETARIAT

    @extend_schema(
        operation_id="assessments_review_decide",
        request=DecisionInputSerializer,
        responses={200: AssessmentSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.review_decide(
                actor=request.user,
                assessment_id=assessment.pk,
                accept=data.validated_data["decision"] == "accept",
                note=data.validated_data["note"],
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(AssessmentSerializer(_assessment(request, pk)).data)
