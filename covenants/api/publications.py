"""A covenant's publications in the API (public, read): the same groups as its publications page."""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access import public
from portal.api.permissions import PublicAccess

from ..views.publications import publication_groups
from .views import NOT_FOUND


class CovenantPublicationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["annual_report", "ruling", "framework", "news"])
    title = serializers.CharField()
    published = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(help_text="The publication's page or file.")


@public
class PublicationListApi(APIView):
    """Public: a covenant's published annual reports, rulings, frameworks and news, newest first."""

    permission_classes = [PublicAccess]

    @extend_schema(
        operation_id="publications_list",
        responses={200: CovenantPublicationSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        try:
            _covenant, groups = publication_groups(slug)
        except Http404 as exc:
            raise NotFound from exc
        items = [
            {"kind": item.kind, "title": item.title, "published": item.published,
             "url": request.build_absolute_uri(item.url)}
            for group in groups for item in group.items
        ]  # fmt: skip
        oldest = datetime.min.replace(tzinfo=UTC)
        items.sort(key=lambda item: item["published"] or oldest, reverse=True)
        return Response(CovenantPublicationSerializer(items, many=True).data)
