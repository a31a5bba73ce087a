"""News in the API: public reads of the public items only (the same rule as the pages and feeds)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from portal.access import public
from portal.api.permissions import PublicAccess

from ..models import NewsItem
from .views import NOT_FOUND


class NewsItemSerializer(serializers.ModelSerializer[NewsItem]):
    covenant = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    url = serializers.SerializerMethodField(help_text="The item's page.")
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = NewsItem
        fields = ["slug", "covenant", "title_nl", "title_en", "summary_nl", "summary_en", "body_nl", "body_en",
                  "publish_at", "updated_at", "url", "attachments"]  # fmt: skip
        read_only_fields = fields

    def get_url(self, item: NewsItem) -> str:
        return reverse("news:detail", kwargs={"slug": item.slug}, request=self.context.get("request"))

    def get_attachments(self, item: NewsItem) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return [
            {"name": a.name, "size": a.size,
             "url": reverse("news:attachment", kwargs={"slug": item.slug, "pk": a.pk}, request=request)}
            for a in item.attachments.all()
        ]  # fmt: skip


COVENANT = OpenApiParameter("covenant", OpenApiTypes.STR, description="Only this covenant's news (its slug).")


@public
class NewsListApi(ListAPIView[NewsItem]):
    """Public: the published news, latest first."""

    permission_classes = [PublicAccess]
    serializer_class = NewsItemSerializer

    @extend_schema(operation_id="news_list", parameters=[COVENANT])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        items = NewsItem.objects.public().select_related("covenant").prefetch_related("attachments")
        covenant = self.request.query_params.get("covenant", "")
        return items.filter(covenant__slug=covenant.replace("\x00", "")) if covenant else items


@public
class NewsDetailApi(RetrieveAPIView[NewsItem]):
    """Public: one published news item."""

    permission_classes = [PublicAccess]
    serializer_class = NewsItemSerializer
    lookup_field = "slug"

    @extend_schema(operation_id="news_retrieve", responses={200: NewsItemSerializer, 404: NOT_FOUND})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return NewsItem.objects.public().select_related("covenant").prefetch_related("attachments")
