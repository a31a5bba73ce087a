from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access import role_permission
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.accounts.selectors import organisation_list_for

from .serializers import MeSerializer, OrganisationSerializer


class MeApi(APIView):
    """The signed-in user, their role and organisation."""

    permission_classes = [role_permission(*Role)]

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(cast(User, request.user)).data)


class OrganisationListApi(ListAPIView[Organisation]):
    """Organisations visible to the signed-in user."""

    permission_classes = [role_permission(*Role)]
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> Any:
        return organisation_list_for(self.request.user).order_by("name", "pk")


class OrganisationDetailApi(RetrieveAPIView[Organisation]):
    """One organisation, if visible to the signed-in user (404 otherwise)."""

    permission_classes = [role_permission(*Role)]
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> Any:
        return organisation_list_for(self.request.user)
