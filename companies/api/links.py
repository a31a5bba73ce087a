"""Companies API: a company's own supply links (list, create, update, delete) through the services."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import drf_error
from covenants.selectors import covenant_visible_for
from portal.access import get_visible_or_404, role_permission
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role

from .. import selectors, services
from ..models import SupplyLink
from .serializers import SupplyLinkChangeSerializer, SupplyLinkCreateSerializer, SupplyLinkSerializer
from .views import ERROR, FORBIDDEN, NOT_FOUND

COMPANY = [role_permission(Role.COMPANY)]


class SupplyLinkListApi(GenericAPIView):
    """A company's own supply links; nobody else's."""

    permission_classes = COMPANY
    serializer_class = SupplyLinkSerializer

    @extend_schema(
        operation_id="supply_links_list",
        responses={200: SupplyLinkSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.supply_link_list_for(request.user))
        assert page is not None
        return self.get_paginated_response(SupplyLinkSerializer(page, many=True).data)


class SupplyLinkCreateApi(APIView):
    """A company discloses a link to a location on the public list or one it already sources at."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="supply_links_create",
        request=SupplyLinkCreateSerializer,
        responses={201: SupplyLinkSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        data = SupplyLinkCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        location = selectors.linkable_locations_for(user).filter(public_id=fields.pop("location")).first()
        if location is None:
            raise ValidationError(
                {"location": [_("There is no location with this ID that you can link to.")]}
            )
        covenant = covenant_visible_for(user).filter(slug=fields.pop("covenant")).first()
        if covenant is None:
            raise ValidationError({"covenant": [_("There is no covenant with this slug.")]})
        if SupplyLink.objects.filter(
            company_id=user.organisation_id, location=location, covenant=covenant
        ).exists():
            raise ValidationError({"location": [_("You already link this location for this covenant.")]})
        try:
            link = services.supply_link_create(
                actor=user,
                company=cast(Organisation, user.organisation),
                location_id=location.pk,
                covenant_id=covenant.pk,
                **fields,
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(SupplyLinkSerializer(link).data, status=status.HTTP_201_CREATED)


class SupplyLinkDetailApi(APIView):
    """One of the company's own links: read, change or withdraw it (another company's: 404)."""

    permission_classes = COMPANY

    def _own(self, request: Request, pk: int) -> SupplyLink:
        return get_visible_or_404(selectors.supply_link_list_for(request.user), pk=pk)

    @extend_schema(
        operation_id="supply_links_retrieve",
        responses={200: SupplyLinkSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(SupplyLinkSerializer(self._own(request, pk)).data)

    @extend_schema(
        operation_id="supply_links_update",
        request=SupplyLinkChangeSerializer,
        responses={200: SupplyLinkSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        link = self._own(request, pk)
        data = SupplyLinkChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            link = services.supply_link_update(actor=request.user, link_id=link.pk, **data.validated_data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        except SupplyLink.DoesNotExist as exc:
            raise Http404 from exc
        return Response(SupplyLinkSerializer(link).data)

    @extend_schema(
        operation_id="supply_links_delete",
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request: Request, pk: int) -> Response:
        link = self._own(request, pk)
        services.supply_link_delete(actor=request.user, link_id=link.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
