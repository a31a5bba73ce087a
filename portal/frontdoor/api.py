"""A covenant's publications in the API (public, read): the same lists as its publications page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from covenants.api.views import NOT_FOUND
from portal.access import public
from portal.api.permissions import PublicAccess

from .publications import _covenant, publications_of


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
            covenant = _covenant(slug)
        except Http404 as exc:
            raise NotFound from exc
        found = publications_of(covenant)

        def url(name: str, **kwargs: Any) -> str:
            return reverse(name, kwargs=kwargs, request=request)

        items = [
            *({"kind": "annual_report", "title": f"{covenant.name} {r.year} ({r.get_language_display()}, v{r.version})",
               "published": r.published_at, "url": url("reports:download", pk=r.pk)} for r in found["reports"]),
            *({"kind": "ruling", "title": p.complaint.reference, "published": p.published_at,
               "url": url("complaints:ruling", reference=p.complaint.reference)} for p in found["rulings"]),
            *({"kind": "framework", "title": f"{f.title} (v{f.version})", "published": f.published_at,
               "url": url("framework", slug=covenant.slug, version=f.version)} for f in found["frameworks"]),
            *({"kind": "news", "title": n.title, "published": n.publish_at,
               "url": url("news:detail", slug=n.slug)} for n in found["news"]),
        ]  # fmt: skip
        oldest = datetime.min.replace(tzinfo=UTC)
        items.sort(key=lambda item: item["published"] or oldest, reverse=True)
        return Response(CovenantPublicationSerializer(items, many=True).data)
