"""Complaints API views: each states who may use it; a case is reached only through the selectors, so
anyone without access to it gets 404 (not even whether it exists)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from companies.models import ProductionLocation
from covenants.api.views import ERROR, FORBIDDEN, NOT_FOUND, drf_error
from covenants.models import Covenant, RiskTheme
from portal.access import public, role_permission
from portal.accounts.models import Organisation
from portal.api.permissions import PublicAccess

from .. import receipt, selectors, services, throttle
from ..models import Complaint, Publication
from ..permissions import CASE_LIST_ROLES, STAFF_ROLES, ReceiptHolder
from . import serializers as s


def _case(user: Any, reference: str) -> Any:
    try:
        complaint, party = selectors.complaint_get_for(user, reference)
    except Complaint.DoesNotExist as exc:
        raise NotFound from exc
    return complaint, party


def _detail(complaint: Complaint, party: Any) -> dict[str, Any]:
    return s.CaseDetailSerializer(selectors.case_file_for(complaint, party)).data


@public
@method_decorator(never_cache, name="dispatch")  # the receipt code or the case: never stored
class ComplaintFileApi(APIView):
    """Public: file a complaint (no account needed). Without an account the answer carries the receipt
    code, once. The same `token` sent again returns the same case."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="complaints_file",
        request=s.FileInputSerializer,
        responses={201: s.FiledSerializer, 200: s.FiledSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        if not throttle.filing_allowed(request):
            raise Throttled
        data = s.FileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        covenant = Covenant.objects.filter(slug=values.pop("covenant"), status=Covenant.Status.ACTIVE).first()
        if covenant is None:
            raise ValidationError({"covenant": [gettext("Choose an active covenant.")]})
        company_id, location_id = values.pop("company"), values.pop("location")
        codes = values.pop("themes")
        themes = list(RiskTheme.objects.filter(code__in=codes, covenant__isnull=True)) + list(
            covenant.own_themes.filter(code__in=codes)
        )
        if len(themes) != len(set(codes)):
            raise ValidationError({"themes": [gettext("Choose themes of the covenant you chose.")]})
        try:
            filed = services.complaint_file(
                actor=request.user,
                covenant=covenant,
                company=Organisation.objects.filter(pk=company_id).first() if company_id else None,
                location=ProductionLocation.objects.filter(pk=location_id).first() if location_id else None,
                themes=themes,
                **values,
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        body = {
            "reference": filed.complaint.reference,
            "status": filed.complaint.status,
            "receipt_code": filed.receipt_code,
            "created": filed.created,
        }
        return Response(
            s.FiledSerializer(body).data, status=status.HTTP_201_CREATED if filed.created else 200
        )


class ComplaintListApi(ListAPIView[Complaint]):
    """The cases the caller may open: its own (an NGO or union), those put to its company from
    admissibility on, those it is assigned to (committee), all of them (secretariat)."""

    permission_classes = [role_permission(*CASE_LIST_ROLES)]
    serializer_class = s.CaseSerializer

    @extend_schema(
        operation_id="complaints_list", responses={200: s.CaseSerializer(many=True), 403: FORBIDDEN}
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.complaint_list_for(
            self.request.user, status=self.request.query_params.get("status", "")
        )


class ComplaintDetailApi(APIView):
    """One case as the caller may read it (never the complainant's identity)."""

    permission_classes = [role_permission(*CASE_LIST_ROLES)]

    @extend_schema(
        operation_id="complaints_retrieve",
        responses={200: s.CaseDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, reference: str) -> Response:
        return Response(_detail(*_case(request.user, reference)))


class ComplaintMoveApi(APIView):
    """Committee and secretariat: move the case on, each its own steps (see the workflow table)."""

    permission_classes = [role_permission(*STAFF_ROLES)]

    @extend_schema(
        operation_id="complaints_move",
        request=s.MoveInputSerializer,
        responses={200: s.CaseDetailSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, reference: str) -> Response:
        complaint, _party = _case(request.user, reference)
        data = s.MoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.complaint_move(actor=request.user, complaint_id=complaint.pk, **data.validated_data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        except DjangoPermissionDenied as exc:
            raise ValidationError({"to_status": [str(exc)]}) from exc
        return Response(_detail(*_case(request.user, reference)))


class ComplaintMessageApi(APIView):
    """A message in the case by any party with an account (internal notes: committee and secretariat)."""

    permission_classes = [role_permission(*CASE_LIST_ROLES)]

    @extend_schema(
        operation_id="complaints_messages_create",
        request=s.MessageInputSerializer,
        responses={201: s.MessageSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, reference: str) -> Response:
        complaint, _party = _case(request.user, reference)
        data = s.MessageInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            message = services.message_post(
                actor=request.user, complaint_id=complaint.pk, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        except DjangoPermissionDenied as exc:
            raise ValidationError({"visibility": [str(exc)]}) from exc
        return Response(s.MessageSerializer(message).data, status=status.HTTP_201_CREATED)


@public
@method_decorator(never_cache, name="dispatch")  # the receipt code or the case: never stored
class ReceiptCaseApi(APIView):
    """Public: the case a receipt code belongs to, as its complainant reads it. Tries are limited per
    address (and refused while the limit cannot be checked); a wrong code is a plain 404."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="complaints_receipt",
        request=s.ReceiptInputSerializer,
        responses={200: s.CaseDetailSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        if not throttle.code_attempt_allowed(request):
            raise Throttled
        data = s.ReceiptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        code = receipt.normalise(data.validated_data["code"])
        if code is None:
            raise ValidationError({"code": [gettext("A receipt code has 16 digits.")]})
        complaint = selectors.complaint_by_code(code)
        if complaint is None:
            raise NotFound
        return Response(_detail(*_case(ReceiptHolder(complaint_id=complaint.pk), complaint.reference)))


@public
class RulingListApi(ListAPIView[Publication]):
    """Public: the published cases with their anonymised summary and ruling, and what was withheld."""

    permission_classes = [PublicAccess]
    serializer_class = s.PublicationSerializer

    @extend_schema(operation_id="rulings_list", responses={200: s.PublicationSerializer(many=True)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.publication_list()


@public
class ComplaintPerformanceApi(APIView):
    """Public: a covenant's complaint mechanism in figures for one year (default: the latest)."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="complaints_performance", responses={200: s.PerformanceSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, slug: str) -> Response:
        covenant = Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION).filter(slug=slug).first()
        if covenant is None:
            raise NotFound
        years = selectors.performance_years(covenant)
        year = request.query_params.get("year", "")
        chosen = int(year) if year.isdigit() else years[0]
        if chosen not in years:
            raise NotFound
        return Response(s.PerformanceSerializer(selectors.performance_for(covenant, chosen)).data)
