"""The OpenAPI schema and its documentation pages: public on purpose (they describe the API, they
hold no data), stated here instead of relying on drf-spectacular's own default."""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from portal.access import public

from .permissions import PublicAccess


@public
class SchemaApi(SpectacularAPIView):
    permission_classes = [PublicAccess]


@public
class SwaggerDocs(SpectacularSwaggerView):
    permission_classes = [PublicAccess]


@public
class RedocDocs(SpectacularRedocView):
    permission_classes = [PublicAccess]
