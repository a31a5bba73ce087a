"""Companies API: one class per operation. Public reads say so; everything else names its roles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import drf_error
from covenants.models import Sector
from portal.access import get_visible_or_404, public, role_permission
from portal.accounts.roles import Role
from portal.api.permissions import PublicAccess

from .. import public_cache, selectors, services
from ..forms import LocationFilterForm
from ..models import ProcessingType
from .serializers import LocationMatchSerializer, MatchDecisionInputSerializer, PublicLocationSerializer

ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="Errors per field, or a `detail` message.")
NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="Missing, or not visible to you.")
FORBIDDEN = OpenApiResponse(OpenApiTypes.OBJECT, description="Not signed in, or not allowed for your role.")

FILTER_PARAMETERS = [
    OpenApiParameter("covenant", str, required=False, description="A published covenant's slug."),
    OpenApiParameter("country", str, required=False, description="ISO 3166-1 alpha-2 code."),
    OpenApiParameter("sector", str, enum=Sector.values, required=False),
    OpenApiParameter("processing_type", str, enum=ProcessingType.values, required=False),
    OpenApiParameter("q", str, required=False, description="A part of the name (max. 200 characters)."),
]


def _public_filter(request: Request) -> selectors.PublicFilter:
    """The list's filters from the query string, checked like the page's form: a bad value is a 400 that
    names the field."""
    params = {key: request.query_params.get(key, "") for key in ("covenant", "country", "sector", "q")}
    params["processing_type"] = request.query_params.get("processing_type", "")
    form = LocationFilterForm(params)
    if not form.is_valid():
        raise ValidationError(
            {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        )
    return form.to_filter()


@public
class PublicLocationListApi(GenericAPIView):
    """Public: the aggregated list of production locations, as on the page. The number of member companies
    is given only from the threshold on; single-buyer locations of covenants that ask for it are left out."""

    permission_classes = [PublicAccess]
    serializer_class = PublicLocationSerializer

    @extend_schema(
        operation_id="locations_list",
        parameters=FILTER_PARAMETERS,
        responses={200: PublicLocationSerializer(many=True), 400: ERROR, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        flt = _public_filter(request)
        paginator: Any = self.paginator  # the portal's PageNumberPagination: the API always paginates
        requested = request.query_params.get(paginator.page_query_param, "1")
        size = paginator.get_page_size(request) or paginator.page_size
        total, number, cached_ids = public_cache.page(flt, requested, size)
        # The count and the page's ids from the shared cache; a page number that does not exist
        # goes the uncached way, which answers 404 as for every list.
        found: Any = public_cache.KnownPage(total, cached_ids) if str(number) == requested else None
        if found is None:
            found = selectors.public_location_list(flt).values_list("pk", flat=True)
        page = self.paginate_queryset(found)
        assert page is not None
        rows = selectors.public_location_rows(flt, list(page))
        return self.get_paginated_response(PublicLocationSerializer(rows, many=True).data)


@public
class PublicLocationDetailApi(APIView):
    """Public: one location of the public list by its public ID (404 if it is not listed by name)."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="locations_retrieve",
        parameters=FILTER_PARAMETERS[:1],
        responses={200: PublicLocationSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def get(self, request: Request, public_id: str) -> Response:
        flt = _public_filter(request)
        pk = (
            selectors.public_location_list(flt)
            .filter(public_id=public_id)
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            raise Http404
        rows = selectors.public_location_rows(flt, [pk])
        return Response(PublicLocationSerializer(rows[0]).data)


class LocationMatchListApi(GenericAPIView):
    """Secretariat: potential location matches waiting for review, best score first."""

    permission_classes = [role_permission(Role.SECRETARIAT)]
    serializer_class = LocationMatchSerializer

    @extend_schema(
        operation_id="location_matches_list",
        responses={200: LocationMatchSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.location_match_queue_for(request.user))
        assert page is not None
        return self.get_paginated_response(LocationMatchSerializer(page, many=True).data)


class LocationMatchDecideApi(APIView):
    """Secretariat: confirm (merge the two locations) or reject one potential match."""

    permission_classes = [role_permission(Role.SECRETARIAT)]

    @extend_schema(
        operation_id="location_matches_decide",
        request=MatchDecisionInputSerializer,
        responses={200: LocationMatchSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        match = get_visible_or_404(selectors.location_match_queue_for(request.user), pk=pk)
        data = MatchDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            if data.validated_data["decision"] == "confirm":
                services.location_match_confirm(actor=request.user, match_id=match.pk)
            else:
                services.location_match_reject(actor=request.user, match_id=match.pk)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        match.refresh_from_db()
        return Response(LocationMatchSerializer(match).data)
