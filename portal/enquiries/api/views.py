"""One API class per operation. The enquiry endpoint is public on purpose."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access import public
from portal.api.permissions import PublicAccess

from .. import services
from ..views import submit_allowed
from .serializers import EnquiryCreatedSerializer, EnquiryCreateInputSerializer

ERROR = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Errors per field. For the topic `complaint`, `complaint_endpoint` names the endpoint to use.",
)


def complaint_endpoint() -> str:
    try:
        return reverse(getattr(settings, "PORTAL_ENQUIRY_COMPLAINT_API_URL", "") or "-")
    except NoReverseMatch:
        return ""


@public
class EnquiryCreateApi(APIView):
    """Public: send the secretariat a question (no account needed). An acknowledgement is e-mailed.
    A complaint is not an enquiry: file it at the complaint endpoint instead."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="enquiries_create",
        request=EnquiryCreateInputSerializer,
        responses={201: EnquiryCreatedSerializer, 400: ERROR},
    )
    def post(self, request: Request) -> Response:
        if not submit_allowed(request):
            raise Throttled
        topic = request.data.get("topic") if hasattr(request.data, "get") else None
        if topic == services.COMPLAINT_TOPIC:
            raise ValidationError(
                {
                    "topic": [services.complaint_topic_error().message_dict["topic"][0]],
                    "complaint_endpoint": complaint_endpoint(),
                }
            )
        data = EnquiryCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            services.enquiry_submit(**values)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        body = {"received": True, "detail": gettext("Thank you. We have received your question.")}
        return Response(EnquiryCreatedSerializer(body).data, status=status.HTTP_201_CREATED)
