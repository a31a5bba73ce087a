"""Self-assessments API: a company lists, starts, answers (one answer at a time, with the answer's
version, so that a save from an older copy is refused instead of overwriting) and submits its own; the
secretariat reads every company's. Every write goes through `duediligence.services`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import ERROR, FORBIDDEN, NOT_FOUND, drf_error
from portal.access import get_visible_or_404
from portal.accounts.roles import Role, role_of
from portal.core.middleware import accepts_uploads

from .. import selectors, services
from ..models import Answer, Assessment, OecdStep, Question, QuestionFeedback
from . import COMPANY, EVIDENCE_REQUEST_BYTES, READERS, validated_query
from .serializers import (
    AnswerConflictSerializer,
    AnswerCreateInputSerializer,
    AnswerCreateUploadSerializer,
    AnswerSerializer,
    AnswerUpdateInputSerializer,
    AnswerUpdateUploadSerializer,
    AssessmentDetailSerializer,
    AssessmentFilterSerializer,
    AssessmentSerializer,
    QuestionFilterSerializer,
    QuestionSerializer,
    StartableCycleSerializer,
    StartInputSerializer,
    SubmitErrorSerializer,
)

UPLOAD_PARSERS = [JSONParser, MultiPartParser, FormParser]
CONFLICT = OpenApiResponse(
    AnswerConflictSerializer,
    description="Saved elsewhere after your copy was loaded: nothing was overwritten.",
)
SAVED = OpenApiResponse(AnswerSerializer, description="The answer was changed.")
CREATED = OpenApiResponse(AnswerSerializer, description="The question had no answer yet.")


def _steps(assessment: Assessment, missing: list[services.Missing]) -> list[dict[str, Any]]:
    """Per OECD step: the number of required questions and how many have a complete answer."""
    required: dict[int, int] = {}
    steps = Question.objects.filter(section__framework_id=assessment.framework_id, required=True)
    for step in steps.values_list("section__step", flat=True):
        required[step] = required.get(step, 0) + 1
    still_open: dict[int, int] = {}
    for item in missing:
        still_open[item.question.section.step] = still_open.get(item.question.section.step, 0) + 1
    rows = []
    for step in OecdStep:
        total = required.get(step.value, 0)
        done = total - still_open.get(step.value, 0)
        rows.append({"step": step.value, "label": step.label, "total": total, "done": done,
                     "percent": round(100 * done / total) if total else 100})  # fmt: skip
    return rows


def _visible_feedback(user: Any, assessment: Assessment) -> list[QuestionFeedback]:
    """The secretariat's feedback per answer; the company sees it once a decision was made."""
    waiting = assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.UNDER_REVIEW)
    if role_of(user) == Role.COMPANY and waiting:
        return []
    return list(QuestionFeedback.objects.filter(assessment=assessment).order_by("question_id"))


def assessment_detail(user: Any, assessment: Assessment) -> Any:
    """The detail body: the assessment with its answers, progress per step, missing answers, feedback."""
    answers = Answer.objects.select_related("question").order_by(
        "question__section__step", "question__section__position", "question__position", "question__code"
    )
    prefetch_related_objects([assessment], Prefetch("answers", queryset=answers))
    missing = services.missing_answers(assessment)
    # What the serializer shows beside the model's own fields (see AssessmentDetailSerializer).
    setattr(assessment, "api_steps", _steps(assessment, missing))  # noqa: B010
    setattr(assessment, "api_missing", missing)  # noqa: B010
    setattr(assessment, "api_feedback", _visible_feedback(user, assessment))  # noqa: B010
    return AssessmentDetailSerializer(assessment).data


class AssessmentListApi(GenericAPIView):
    """A company's own self-assessments; the secretariat's overview of every company's."""

    permission_classes = READERS
    serializer_class = AssessmentSerializer

    @extend_schema(
        operation_id="assessments_list",
        parameters=[AssessmentFilterSerializer],
        responses={200: AssessmentSerializer(many=True), 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        query = validated_query(request, AssessmentFilterSerializer)
        assessments = selectors.assessment_list_for(request.user)
        if "status" in query:
            assessments = assessments.filter(status=query["status"])
        if "company" in query:
            assessments = assessments.filter(company_id=query["company"])
        page = self.paginate_queryset(assessments)
        assert page is not None  # the API always paginates
        return self.get_paginated_response(AssessmentSerializer(page, many=True).data)


class StartableCycleListApi(GenericAPIView):
    """A company: the open cycles of its covenants it has not started its self-assessment for yet."""

    permission_classes = COMPANY
    serializer_class = StartableCycleSerializer

    @extend_schema(
        operation_id="assessment_cycles_list",
        responses={200: StartableCycleSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.startable_cycles_for(request.user))
        assert page is not None
        return self.get_paginated_response(StartableCycleSerializer(page, many=True).data)


class AssessmentStartApi(APIView):
    """A company starts its self-assessment for a startable cycle (any other cycle: 404)."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="assessment_cycles_start",
        request=StartInputSerializer,
        responses={201: AssessmentDetailSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        cycle = get_visible_or_404(selectors.startable_cycles_for(request.user), pk=pk)
        data = StartInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            started = services.assessment_start(
                actor=request.user, cycle=cycle, carry_over=data.validated_data["carry_over"]
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        assessment = selectors.assessment_get_for(request.user, started.pk)
        return Response(assessment_detail(request.user, assessment), status=status.HTTP_201_CREATED)


class AssessmentDetailApi(APIView):
    """One self-assessment: the company's own, or any for the secretariat (else 404)."""

    permission_classes = READERS

    @extend_schema(
        operation_id="assessments_retrieve",
        responses={200: AssessmentDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        assessment = selectors.assessment_get_for(request.user, pk)
        return Response(assessment_detail(request.user, assessment))


class AssessmentQuestionListApi(GenericAPIView):
    """The questions of the self-assessment's framework, in order, in the request's language."""

    permission_classes = READERS
    serializer_class = QuestionSerializer

    @extend_schema(
        operation_id="assessments_questions_list",
        parameters=[QuestionFilterSerializer],
        responses={200: QuestionSerializer(many=True), 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        assessment = selectors.assessment_get_for(request.user, pk)
        query = validated_query(request, QuestionFilterSerializer)
        questions = Question.objects.filter(section__framework_id=assessment.framework_id)
        if "step" in query:
            questions = questions.filter(section__step=query["step"])
        questions = questions.select_related("section").order_by(
            "section__step", "section__position", "section__code", "position", "code"
        )
        page = self.paginate_queryset(questions)
        assert page is not None
        return self.get_paginated_response(QuestionSerializer(page, many=True).data)


def _save_answer(
    request: Request, assessment: Assessment, question_id: int, data: dict[str, Any]
) -> Response:
    try:
        answer = services.answer_save(
            actor=request.user,
            assessment_id=assessment.pk,
            question_id=question_id,
            version=data["version"],
            choice=data["choice"],
            text=data["text"],
            number=data["number"],
            evidence=data.get("evidence"),
        )
    except services.AnswerConflict as conflict:
        body = {"detail": conflict.messages[0], "stored": conflict.stored}
        return Response(AnswerConflictSerializer(body).data, status=status.HTTP_409_CONFLICT)
    except DjangoValidationError as exc:
        raise drf_error(exc) from exc
    created = answer.version == 1
    return Response(
        AnswerSerializer(answer).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
    )


def _own_assessment(request: Request, pk: int) -> Assessment:
    return selectors.assessment_get_for(request.user, pk)


@accepts_uploads(max_bytes=EVIDENCE_REQUEST_BYTES)
class AnswerCreateApi(APIView):
    """A company saves one answer of its own self-assessment (JSON, or multipart with an evidence file).
    Give the version of the answer you changed (none for a first answer): when it was saved elsewhere
    meanwhile, the answer is 409 with the stored answer and nothing is overwritten."""

    permission_classes = COMPANY
    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        operation_id="assessments_answers_create",
        request={
            "application/json": AnswerCreateInputSerializer,
            "multipart/form-data": AnswerCreateUploadSerializer,
        },
        responses={201: CREATED, 200: SAVED, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = _own_assessment(request, pk)
        data = AnswerCreateUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question_id = data.validated_data["question"]
        if not Question.objects.filter(
            pk=question_id, section__framework_id=assessment.framework_id
        ).exists():
            raise ValidationError({"question": [_("This question is not part of this self-assessment.")]})
        return _save_answer(request, assessment, question_id, data.validated_data)


@accepts_uploads(max_bytes=EVIDENCE_REQUEST_BYTES)
class AnswerUpdateApi(APIView):
    """A company saves its answer to one question (JSON, or multipart with an evidence file), with the
    version it changed: a save from an older copy is 409 with the stored answer, overwriting nothing."""

    permission_classes = COMPANY
    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        operation_id="assessments_answers_update",
        request={
            "application/json": AnswerUpdateInputSerializer,
            "multipart/form-data": AnswerUpdateUploadSerializer,
        },
        responses={200: SAVED, 201: CREATED, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    def put(self, request: Request, pk: int, question_id: int) -> Response:
        assessment = _own_assessment(request, pk)
        question = get_visible_or_404(
            Question.objects.filter(section__framework_id=assessment.framework_id), pk=question_id
        )
        data = AnswerUpdateUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _save_answer(request, assessment, question.pk, data.validated_data)


class AssessmentSubmitApi(APIView):
    """A company sends its self-assessment to the secretariat (again, after changes were requested).
    Incomplete: 400 with the list of the required answers that are missing."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="assessments_submit",
        request=None,
        responses={200: AssessmentSerializer, 400: SubmitErrorSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = _own_assessment(request, pk)
        to = (
            Assessment.Status.RESUBMITTED
            if assessment.status == Assessment.Status.CHANGES_REQUESTED
            else Assessment.Status.SUBMITTED
        )
        try:
            services.assessment_transition(actor=request.user, assessment_id=assessment.pk, to=to)
        except DjangoValidationError as exc:
            if getattr(exc, "code", None) == "incomplete":
                body = {"non_field_errors": exc.messages, "missing": services.missing_answers(assessment)}
                return Response(SubmitErrorSerializer(body).data, status=status.HTTP_400_BAD_REQUEST)
            raise drf_error(exc) from exc
        return Response(AssessmentSerializer(_own_assessment(request, pk)).data)
