"""The public quick scan API: sector, countries and products in, salient themes (with why and the
source), first actions per OECD step and the sector's covenants out. Nobody needs an account."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_list
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import ERROR
from covenants.models import Sector
from portal.access import public
from portal.api.permissions import PublicAccess

from ..quickscan.data import ProductCategory
from ..quickscan.forms import MAX_COUNTRIES
from ..quickscan.selectors import ScanResult, quick_scan


class QuickScanQuerySerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=Sector.choices)
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=list(country_list)), min_length=1, max_length=MAX_COUNTRIES
    )
    products = serializers.ListField(
        child=serializers.ChoiceField(choices=ProductCategory.choices), required=False, default=list
    )


class SourceSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    year = serializers.IntegerField()
    url = serializers.CharField()


class IndicationSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=["sector", "country", "product"])
    code = serializers.CharField(help_text="The sector code, ISO country code or product category.")
    name = serializers.CharField()
    level = serializers.CharField()
    reason = serializers.CharField()
    source = SourceSerializer()  # type: ignore[assignment]


class ThemeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=["high", "elevated"])
    countries = serializers.ListField(child=serializers.CharField(), help_text="Where it applies.")
    indications = IndicationSerializer(many=True)


class StepSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    title = serializers.CharField()
    actions = serializers.ListField(child=serializers.DictField())


class CovenantLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    apply_url = serializers.CharField()


class QuickScanSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The dataset's version.")
    sector = serializers.CharField()
    countries = serializers.ListField(child=serializers.CharField())
    products = serializers.ListField(child=serializers.CharField())
    themes = ThemeSerializer(many=True)
    steps = StepSerializer(many=True)
    covenants = CovenantLinkSerializer(many=True)


def _codes(request: Request, name: str) -> list[str]:
    """Repeated (`countries=BD&countries=IN`) or comma-separated (`countries=BD,IN`) values."""
    return [
        code.strip()
        for value in request.query_params.getlist(name)
        for code in value.split(",")
        if code.strip()
    ]


def _source(source: Any) -> dict[str, Any]:
    return {
        "code": source.code,
        "title": source.title,
        "publisher": source.publisher,
        "year": source.year,
        "url": source.url,
    }


def scan_data(result: ScanResult) -> dict[str, Any]:
    themes = [
        {
            "code": finding.theme.code,
            "name": finding.theme.name,
            "level": finding.level,
            "countries": result.countries_for(finding),
            "indications": [
                {
                    "dimension": i.dimension,
                    "code": i.sector or (i.country.code if i.country else "") or i.product,
                    "name": str(i.dimension_label),
                    "level": i.level,
                    "reason": i.reason,
                    "source": _source(i.source),
                }
                for i in finding.indications
            ],
        }
        for finding in result.themes
    ]
    steps = [
        {
            "step": step.step,
            "title": str(step.label),
            "actions": [{"text": a.text, "theme": a.theme.code if a.theme else None} for a in step.actions],
        }
        for step in result.steps
    ]
    covenants = [
        {
            "slug": c.slug,
            "name": c.name,
            "url": reverse("covenants:detail", kwargs={"slug": c.slug}),
            "apply_url": reverse("covenants:apply") + f"?covenant={c.slug}",
        }
        for c in result.covenants
    ]
    return {
        "version": result.version,
        "sector": result.sector,
        "countries": result.countries,
        "products": result.products,
        "themes": themes,
        "steps": steps,
        "covenants": covenants,
    }


@public
class QuickScanApi(APIView):
    """Public: the quick scan for a sector, sourcing countries and product categories."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="quick_scan",
        parameters=[
            OpenApiParameter("sector", OpenApiTypes.STR, required=True, enum=list(Sector.values)),
            OpenApiParameter(
                "countries",
                {"type": "array", "items": {"type": "string"}},
                required=True,
                description="ISO 3166-1 alpha-2 codes, repeated or comma-separated (at most 25).",
            ),
            OpenApiParameter(
                "products",
                {"type": "array", "items": {"type": "string", "enum": list(ProductCategory.values)}},
                description="Product categories, repeated or comma-separated.",
            ),
        ],
        responses={200: QuickScanSerializer, 400: ERROR},
    )
    def get(self, request: Request) -> Response:
        query = QuickScanQuerySerializer(
            data={
                "sector": request.query_params.get("sector", ""),
                "countries": _codes(request, "countries"),
                "products": _codes(request, "products"),
            }
        )
        if not query.is_valid():
            raise ValidationError(query.errors)
        data = query.validated_data
        if not data["countries"]:
            raise ValidationError({"countries": [_("Choose at least one country you source from.")]})
        result = quick_scan(sector=data["sector"], countries=data["countries"], products=data["products"])
        return Response(scan_data(result))
