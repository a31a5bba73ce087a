"""One API class per operation. Public reads say so; everything else names its roles."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from portal.access import get_visible_or_404, public, role_permission
from portal.accounts.models import User
from portal.api.permissions import PublicAccess

from .. import selectors, services
from ..models import Covenant, Membership
from ..permissions import APPLY_ROLES, MANAGE_ROLES, MEMBERSHIP_ROLES
from .serializers import (
    CovenantDetailSerializer,
    CovenantMemberSerializer,
    CovenantSerializer,
    MembershipApplicationInputSerializer,
    MembershipDecideInputSerializer,
    MembershipSerializer,
)

ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="Errors per field, or a `detail` message.")
NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="Missing, or not visible to you.")
FORBIDDEN = OpenApiResponse(OpenApiTypes.OBJECT, description="Not signed in, or not allowed for your role.")


def drf_error(exc: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as a DRF one (400), keeping the field names."""
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {
                (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
                for field, messages in exc.message_dict.items()
            }
        )
    return ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


@public
class CovenantListApi(ListAPIView[Covenant]):
    """Public: the published covenants with their themes and number of current members."""

    permission_classes = [PublicAccess]
    serializer_class = CovenantSerializer

    @extend_schema(
        operation_id="covenants_list", responses={200: CovenantSerializer(many=True), 404: NOT_FOUND}
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.covenant_list_for(self.request.user)


@public
class CovenantDetailApi(APIView):
    """Public: one covenant with its current parties and the complaint mechanism's time frames."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="covenants_retrieve", responses={200: CovenantDetailSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, slug: str) -> Response:
        covenant = selectors.covenant_get_for(request.user, slug)
        return Response(CovenantDetailSerializer(covenant).data)


@public
class CovenantMemberListApi(ListAPIView[Membership]):
    """Public: a covenant's current members (company name and join date)."""

    permission_classes = [PublicAccess]
    serializer_class = CovenantMemberSerializer

    @extend_schema(
        operation_id="covenants_members_list",
        responses={200: CovenantMemberSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        covenant = get_visible_or_404(
            selectors.covenant_visible_for(self.request.user), slug=self.kwargs["slug"]
        )
        return selectors.public_member_list(covenant)


class MembershipApplicationListApi(ListAPIView[Membership]):
    """A company's own memberships and applications; the secretariat sees all (filter by status)."""

    permission_classes = [role_permission(*MEMBERSHIP_ROLES)]
    serializer_class = MembershipSerializer

    @extend_schema(
        operation_id="memberships_list",
        parameters=[
            OpenApiParameter("status", str, enum=Membership.Status.values, required=False),
        ],
        responses={200: MembershipSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        qs = selectors.membership_list_for(self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted in Membership.Status.values:
            qs = qs.filter(status=wanted)
        return qs


class MembershipDetailApi(APIView):
    """One membership: the company's own, or any for the secretariat (404 otherwise)."""

    permission_classes = [role_permission(*MEMBERSHIP_ROLES)]

    @extend_schema(
        operation_id="memberships_retrieve",
        responses={200: MembershipSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = get_visible_or_404(selectors.membership_list_for(request.user), pk=pk)
        return Response(MembershipSerializer(membership).data)


class MembershipApplicationCreateApi(APIView):
    """A company applies to join a covenant (its adherence declaration); the secretariat decides."""

    permission_classes = [role_permission(*APPLY_ROLES)]

    @extend_schema(
        operation_id="memberships_apply",
        request=MembershipApplicationInputSerializer,
        responses={201: MembershipSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        data = MembershipApplicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        covenant = selectors.covenant_visible_for(request.user).filter(slug=fields.pop("covenant")).first()
        if covenant is None:
            raise ValidationError({"covenant": [_("There is no published covenant with this slug.")]})
        try:
            membership = services.membership_apply(
                actor=cast(User, request.user), covenant_id=covenant.pk, **fields
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class MembershipDecideApi(APIView):
    """The secretariat approves or rejects an application (reasons required to reject)."""

    permission_classes = [role_permission(*MANAGE_ROLES)]

    @extend_schema(
        operation_id="memberships_decide",
        request=MembershipDecideInputSerializer,
        responses={200: MembershipSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = get_visible_or_404(selectors.membership_list_for(request.user), pk=pk)
        data = MembershipDecideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            membership = services.membership_decide(
                actor=cast(User, request.user),
                membership_id=membership.pk,
                approve=data.validated_data["decision"] == "approve",
                note=data.validated_data["note"],
                joined_on=data.validated_data["joined_on"],
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(MembershipSerializer(membership).data)
