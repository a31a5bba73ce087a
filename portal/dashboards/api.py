"""The aggregates behind the dashboards as JSON, under the same rules as the pages: the secretariat's
figures per covenant and cycle year, and the government's with the suppressed cells as null."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import FORBIDDEN, NOT_FOUND
from covenants.models import Covenant
from portal.access import role_permission
from portal.accounts.roles import Role
from portal.core.db_routing import reads_from_replica

from .cache import government_figures, secretariat_figures
from .government import ASSESSMENT_CELLS
from .secretariat import cycle_years

YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="The cycle year (default: the latest cycle).")


def _year(request: Request, covenant: Covenant) -> int:
    year, _years = cycle_years(covenant, str(request.query_params.get("year", "")))
    if year is None:
        raise NotFound
    return year


class CountSerializer(serializers.Serializer):
    key = serializers.CharField()
    count = serializers.IntegerField(
        allow_null=True, help_text="null: not shown (it could identify a company)"
    )


class StepScoresSerializer(serializers.Serializer):
    step = serializers.IntegerField(help_text="OECD due diligence step, 1-6")
    bands = CountSerializer(many=True, help_text="companies per score band (key: the band)")
    companies = serializers.IntegerField(allow_null=True, help_text="null: not shown")
    average = serializers.FloatField(allow_null=True, help_text="null: none, or not shown")


def _steps_body(steps: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [
        {
            "step": s["step"],
            "bands": [{"key": label, "count": count} for label, count in s["bands"]],
            "companies": s["companies"],
            "average": None if s["average"] is None else float(s["average"]),
        }
        for s in steps or []
    ]


class SecretariatDashboardSerializer(serializers.Serializer):
    covenant = serializers.CharField()
    year = serializers.IntegerField()
    members = serializers.DictField(child=serializers.IntegerField())
    assessments = serializers.DictField(allow_null=True)
    step_scores = StepScoresSerializer(many=True)
    actions = serializers.DictField(child=serializers.IntegerField())
    locations = serializers.IntegerField()
    top_countries = CountSerializer(many=True)
    signals_waiting = serializers.IntegerField()
    complaints_running = serializers.IntegerField()
    complaints_overdue = serializers.IntegerField()
    complaints_by_stage = CountSerializer(many=True)
    undelivered_emails = serializers.IntegerField()


class GovernmentDashboardSerializer(serializers.Serializer):
    covenant = serializers.CharField()
    year = serializers.IntegerField()
    threshold = serializers.IntegerField()
    members = serializers.IntegerField()
    assessments = CountSerializer(many=True)
    assessments_total = serializers.IntegerField(allow_null=True)
    average_score = serializers.FloatField(allow_null=True)
    step_scores = StepScoresSerializer(many=True)
    countries = serializers.ListField(child=serializers.DictField())
    complaints_by_stage = CountSerializer(many=True)
    complaints_total = serializers.IntegerField(allow_null=True)


class SecretariatDashboardApi(APIView):
    """Secretariat: the figures of a covenant's dashboard for one cycle year."""

    permission_classes = [role_permission(Role.SECRETARIAT)]

    @extend_schema(
        operation_id="dashboards_covenant",
        parameters=[YEAR],
        responses={200: SecretariatDashboardSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @reads_from_replica
    def get(self, request: Request, slug: str) -> Response:
        try:
            covenant = get_object_or_404(Covenant, slug=slug)
        except Http404 as exc:
            raise NotFound from exc
        d = secretariat_figures(covenant, _year(request, covenant))
        body: dict[str, Any] = {
            "covenant": covenant.slug,
            "year": d.year,
            "members": d.members,
            "assessments": (
                {
                    k: (float(v) if k == "average_score" and v is not None else v)
                    for k, v in d.assessments.items()
                }
                if d.assessments
                else None
            ),
            "step_scores": _steps_body(d.steps),
            "actions": d.actions,
            "locations": d.locations["locations"],
            "top_countries": [{"key": code, "count": count} for code, count in d.locations["top_countries"]],
            "signals_waiting": d.signals_waiting,
            "complaints_running": d.complaints["running"],
            "complaints_overdue": d.complaints["overdue"],
            "complaints_by_stage": [
                {"key": code, "count": count} for code, _l, count in d.complaints["by_status"]
            ],
            "undelivered_emails": d.undelivered,
        }
        return Response(SecretariatDashboardSerializer(body).data)


class GovernmentDashboardApi(APIView):
    """Government (and the secretariat): a covenant's progress where no company can be identified."""

    permission_classes = [role_permission(Role.GOVERNMENT, Role.SECRETARIAT)]

    @extend_schema(
        operation_id="dashboards_government",
        parameters=[YEAR],
        responses={200: GovernmentDashboardSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @reads_from_replica
    def get(self, request: Request, slug: str) -> Response:
        covenant = Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION).filter(slug=slug).first()
        if covenant is None:
            raise NotFound
        d = government_figures(covenant, _year(request, covenant))
        body = {
            "covenant": covenant.slug,
            "year": d.year,
            "threshold": d.threshold,
            "members": d.members,
            "assessments": (
                [{"key": key, "count": d.assessments.cells[key]} for key in ASSESSMENT_CELLS]
                if d.assessments
                else []
            ),
            "assessments_total": d.assessments.total if d.assessments else None,
            "average_score": d.average_score,
            "step_scores": [
                {
                    "step": index,
                    "bands": [{"key": k, "count": v} for k, v in row.cells.items()],
                    "companies": row.total,
                    "average": mean,
                }
                for index, (_label, row, mean) in enumerate(d.steps, start=1)
            ],
            "countries": [{"country": c, "locations": n, "companies": m} for c, n, m in d.countries],
            "complaints_by_stage": [
                {"key": key, "count": value} for key, value in d.complaints.cells.items()
            ],
            "complaints_total": d.complaints.total,
        }
        return Response(GovernmentDashboardSerializer(body).data)
