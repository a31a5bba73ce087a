"""The annual reports in the API: the list (the published versions; every version for the
secretariat) and the download of one PDF, under the same rules as the pages."""

from __future__ import annotations

import re
from typing import Any

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from covenants.api.views import NOT_FOUND
from portal.access import get_visible_or_404, public
from portal.api.permissions import PublicAccess

from . import selectors
from .models import AnnualReport


class AnnualReportSerializer(serializers.ModelSerializer[AnnualReport]):
    covenant: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    published = serializers.BooleanField(source="is_published", read_only=True)
    download = serializers.SerializerMethodField(help_text="The PDF; null while it is being made.")

    class Meta:
        model = AnnualReport
        fields = ["id", "covenant", "year", "language", "version", "status", "pages", "size",
                  "generated_at", "published", "published_at", "download"]  # fmt: skip
        read_only_fields = fields

    def get_download(self, report: AnnualReport) -> str | None:
        if report.status != AnnualReport.Status.READY:
            return None
        return reverse("api:reports-download", kwargs={"pk": report.pk}, request=self.context.get("request"))


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
COVENANT = OpenApiParameter(
    "covenant", OpenApiTypes.STR, description="Only this covenant's reports (its slug)."
)


@public
class AnnualReportListApi(ListAPIView[AnnualReport]):
    """Public: the published annual reports; the secretariat sees every version."""

    permission_classes = [PublicAccess]
    serializer_class = AnnualReportSerializer

    @extend_schema(
        operation_id="reports_list", parameters=[COVENANT], responses={200: AnnualReportSerializer(many=True)}
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        reports = selectors.report_list_for(self.request.user)
        covenant = self.request.query_params.get("covenant")
        if not covenant:
            return reports
        if not SLUG.fullmatch(covenant):  # no such covenant (and nothing the database would refuse)
            return reports.none()
        return reports.filter(covenant__slug=covenant)


@public
class AnnualReportDownloadApi(APIView):
    """Public once published (the secretariat: every finished version): the report as PDF."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="reports_download",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        try:
            report = get_visible_or_404(selectors.report_list_for(request.user), pk=pk)
        except Http404 as exc:
            raise NotFound from exc
        if report.status != AnnualReport.Status.READY or not report.file:
            raise NotFound
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=report.filename,
            content_type="application/pdf",
        )
