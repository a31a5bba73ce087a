"""Companies API: a company uploads its location list, follows the check, reads the preview rows, and
confirms or cancels, through the services in companies/uploads.py."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import drf_error
from portal.access import role_permission
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.core.middleware import accepts_uploads

from .. import uploads
from ..forms import LocationUploadForm
from ..views.uploads import UPLOAD_REQUEST_BYTES
from .serializers import LocationUploadSerializer, UploadCreateInputSerializer, UploadRowSerializer
from .views import ERROR, FORBIDDEN, NOT_FOUND

COMPANY = [role_permission(Role.COMPANY)]


def plain_text(value: Any) -> bool:
    """A text value a lookup may use: a short string without NUL (which PostgreSQL text refuses)."""
    return isinstance(value, str) and "\x00" not in value and len(value) <= 200


def form_field_errors(form: Any) -> dict[str, list[str]]:
    return {
        ("nonform_field_errors" if field == "__all__" else field): [str(message) for message in messages]
        for field, messages in form.errors.items()
    }


@accepts_uploads(max_bytes=UPLOAD_REQUEST_BYTES)
class UploadCreateApi(APIView):
    """A company uploads a location list for a covenant it is a member of; the check runs in the
    background. The same file again for the same covenant gives the earlier upload back (200)."""

    permission_classes = COMPANY
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="location_uploads_create",
        request={"multipart/form-data": UploadCreateInputSerializer},
        responses={
            201: LocationUploadSerializer,
            200: LocationUploadSerializer,
            400: ERROR,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        covenants = uploads.upload_covenants_for(user)
        slug = request.data.get("covenant")
        covenant = covenants.filter(slug=slug).first() if plain_text(slug) else None
        form = LocationUploadForm(
            {"covenant": covenant.pk if covenant else ""}, request.FILES, covenants=covenants
        )
        if not form.is_valid():
            errors = form_field_errors(form)
            if "covenant" in errors:
                errors["covenant"] = [_("Choose a covenant your company is a member of.")]
            raise ValidationError(errors)
        try:
            upload, created = uploads.location_upload_create(
                actor=user, covenant=form.cleaned_data["covenant"], file=form.cleaned_data["file"]
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(
            LocationUploadSerializer(upload).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class UploadDetailApi(APIView):
    """One of the company's own uploads: status, counts and progress (another company's: 404)."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="location_uploads_retrieve",
        responses={200: LocationUploadSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(LocationUploadSerializer(uploads.location_upload_get_for(request.user, pk)).data)


class UploadRowsApi(APIView):
    """The rows of the preview or result that need attention (rejected, duplicate), with the reason;
    after applying, every row with what happened to it. At most the preview's limit."""

    permission_classes = COMPANY

    @extend_schema(
        operation_id="location_uploads_rows",
        responses={200: UploadRowSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        upload = uploads.location_upload_get_for(request.user, pk)
        lines = uploads.upload_result_lines(upload, limit=uploads.PREVIEW_ROWS)
        return Response(UploadRowSerializer([asdict(line) for line in lines], many=True).data)


class _UploadDecisionApi(APIView):
    permission_classes = COMPANY
    decide: Any = None

    def post(self, request: Request, pk: int) -> Response:
        upload = uploads.location_upload_get_for(request.user, pk)
        try:
            upload = type(self).decide(actor=request.user, upload=upload)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(LocationUploadSerializer(upload).data)


class UploadConfirmApi(_UploadDecisionApi):
    """The company accepts the preview: the valid rows are applied in the background."""

    decide = staticmethod(uploads.location_upload_confirm)

    @extend_schema(
        operation_id="location_uploads_confirm",
        request=None,
        responses={200: LocationUploadSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class UploadCancelApi(_UploadDecisionApi):
    """The company drops the preview; nothing changes."""

    decide = staticmethod(uploads.location_upload_cancel)

    @extend_schema(
        operation_id="location_uploads_cancel",
        request=None,
        responses={200: LocationUploadSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)
