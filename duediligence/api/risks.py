"""The risk register and action plan API: a company records its own risks (most urgent first), the
actions against them and each action's progress (with an optional evidence file, checked by its
content); the secretariat reads every company's and changes none. Writes go through the services."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import ERROR, FORBIDDEN, NOT_FOUND, drf_error
from portal.access import get_visible_or_404
from portal.accounts.models import User
from portal.core.middleware import accepts_uploads

from .. import selectors, services
from ..models import Action, ActionProgress, Risk
from ..risk_forms import location_choices_for, theme_choices_for
from . import COMPANY, EVIDENCE_REQUEST_BYTES, READERS, MethodPermissions, validated_query
from .serializers import (
    ActionCreateInputSerializer,
    ActionFilterSerializer,
    ActionInputSerializer,
    ActionSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
    ProgressUploadSerializer,
    RiskFilterSerializer,
    RiskInputSerializer,
    RiskSerializer,
)


def _risks(request: Request) -> QuerySet[Risk]:
    return selectors.risk_list_for(request.user).select_related("company").prefetch_related("locations")


def _actions(request: Request) -> QuerySet[Action]:
    return selectors.action_list_for(request.user).select_related("company")


def _risk_fields(user: User, data: dict[str, Any], current_theme: int | None = None) -> dict[str, Any]:
    """The service's arguments: the theme by its code and the locations by their public IDs, each
    among those the company may choose (anything else says no more than an unknown code)."""
    fields = dict(data)
    company_id = int(user.organisation_id or 0)
    if "theme" in fields:
        theme = theme_choices_for(company_id, current_theme).filter(code=fields["theme"]).first()
        if theme is None:
            raise ValidationError(
                {"theme": [_("There is no risk theme with this code that you can choose.")]}
            )
        fields["theme"] = theme
    if "locations" in fields:
        wanted = set(fields["locations"])
        locations = list(location_choices_for(company_id).filter(public_id__in=wanted))
        if len(locations) != len(wanted):
            raise ValidationError(
                {"locations": [_("Choose production locations your company has disclosed.")]}
            )
        fields["locations"] = locations
    return fields


class RiskListApi(GenericAPIView):
    """A company's own risk register, most urgent first; the secretariat reads every company's."""

    permission_classes = READERS
    serializer_class = RiskSerializer

    @extend_schema(
        operation_id="risks_list",
        parameters=[RiskFilterSerializer],
        responses={200: RiskSerializer(many=True), 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        query = validated_query(request, RiskFilterSerializer)
        risks = _risks(request)
        if "company" in query:
            risks = risks.filter(company_id=query["company"])
        page = self.paginate_queryset(risks)
        assert page is not None  # the API always paginates
        return self.get_paginated_response(RiskSerializer(page, many=True).data)


class RiskCreateApi(APIView):
    """A company adds a risk to its register; the priority follows from the scales."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="risks_create",
        request=RiskInputSerializer,
        responses={201: RiskSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        data = RiskInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = _risk_fields(cast(User, request.user), data.validated_data)
        try:
            risk = services.risk_create(actor=request.user, **fields)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(RiskSerializer(_risks(request).get(pk=risk.pk)).data, status=status.HTTP_201_CREATED)


class RiskDetailApi(MethodPermissions, APIView):
    """One risk: the company's own or, for the secretariat, any (else 404). Only the company changes it."""

    permission_classes = READERS

    @extend_schema(
        operation_id="risks_retrieve", responses={200: RiskSerializer, 403: FORBIDDEN, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(RiskSerializer(get_visible_or_404(_risks(request), pk=pk)).data)

    @extend_schema(
        operation_id="risks_update",
        request=RiskInputSerializer,
        responses={200: RiskSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        risk = selectors.risk_get_for(request.user, pk)
        data = RiskInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = _risk_fields(cast(User, request.user), data.validated_data, risk.theme_id)
        try:
            services.risk_update(actor=request.user, risk_id=risk.pk, **fields)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(RiskSerializer(_risks(request).get(pk=risk.pk)).data)


class ActionListApi(GenericAPIView):
    """A company's own action plan, soonest due first (filter by risk); the secretariat reads all."""

    permission_classes = READERS
    serializer_class = ActionSerializer

    @extend_schema(
        operation_id="actions_list",
        parameters=[ActionFilterSerializer],
        responses={200: ActionSerializer(many=True), 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        query = validated_query(request, ActionFilterSerializer)
        actions = _actions(request)
        # Another company's risk is as unknown as a made-up one: nothing, never everything.
        if "risk" in query:
            actions = actions.filter(risk_id=query["risk"])
        if "company" in query:
            actions = actions.filter(company_id=query["company"])
        page = self.paginate_queryset(actions)
        assert page is not None
        return self.get_paginated_response(ActionSerializer(page, many=True).data)


class ActionCreateApi(APIView):
    """A company adds an action against one of its own risks."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="actions_create",
        request=ActionCreateInputSerializer,
        responses={201: ActionSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        data = ActionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        try:
            action = services.action_create(actor=request.user, risk_id=fields.pop("risk"), **fields)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(
            ActionSerializer(_actions(request).get(pk=action.pk)).data, status=status.HTTP_201_CREATED
        )


class ActionDetailApi(MethodPermissions, APIView):
    """One action: the company's own or, for the secretariat, any (else 404). Only the company changes it."""

    permission_classes = READERS

    @extend_schema(
        operation_id="actions_retrieve", responses={200: ActionSerializer, 403: FORBIDDEN, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ActionSerializer(get_visible_or_404(_actions(request), pk=pk)).data)

    @extend_schema(
        operation_id="actions_update",
        request=ActionInputSerializer,
        responses={200: ActionSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        action = selectors.action_get_for(request.user, pk)
        data = ActionInputSerializer(action, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            services.action_update(actor=request.user, action_id=action.pk, **data.validated_data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(ActionSerializer(_actions(request).get(pk=action.pk)).data)


class ProgressListApi(GenericAPIView):
    """The progress log of an action, newest first: the company's own, or any for the secretariat."""

    permission_classes = READERS
    serializer_class = ProgressSerializer

    @extend_schema(
        operation_id="actions_progress_list",
        responses={200: ProgressSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        action = selectors.action_get_for(request.user, pk)
        page = self.paginate_queryset(ActionProgress.objects.filter(action=action).order_by("-on", "-pk"))
        assert page is not None
        return self.get_paginated_response(ProgressSerializer(page, many=True).data)


@accepts_uploads(max_bytes=EVIDENCE_REQUEST_BYTES)
class ProgressCreateApi(APIView):
    """A company logs progress on one of its actions (multipart with an optional evidence file, or JSON);
    the action takes the percentage, and is done at 100."""

    permission_classes = COMPANY
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="actions_progress_create",
        request={
            "application/json": ProgressInputSerializer,
            "multipart/form-data": ProgressUploadSerializer,
        },
        responses={201: ProgressSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        action = selectors.action_get_for(request.user, pk)
        data = ProgressUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = services.action_progress_add(
                actor=request.user, action_id=action.pk, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(ProgressSerializer(entry).data, status=status.HTTP_201_CREATED)
