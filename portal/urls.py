"""Site wiring. Pages carry the language in the URL (/nl/, /en/); the API and health check do not."""

from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from portal.api.docs import RedocDocs, SchemaApi, SwaggerDocs
from portal.core.health import health_view
from portal.frontdoor.views import robots_view, search_view, sitemap_view

handler403 = "portal.core.views.error_403_view"
handler404 = "portal.core.views.error_404_view"
handler500 = "portal.core.views.error_500_view"

urlpatterns = [
    path("healthz", health_view, name="health"),
    path("robots.txt", robots_view, name="robots"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("portal.api.urls")),
    path("api/schema/", SchemaApi.as_view(), name="api-schema"),
    # Our own template: the start-up script is a static file, so the strict CSP holds here too.
    path(
        "api/docs/",
        SwaggerDocs.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    # ReDoc injects its styles at run time and renders in a worker: only this page allows that.
    path(
        "api/redoc/",
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            RedocDocs.as_view(url_name="api-schema", template_name="api/redoc.html")
        ),
        name="api-redoc",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("portal.core.urls")),
    path("account/", include("allauth.urls")),
    path("dashboard/", include("portal.accounts.urls")),
    path("notifications/", include("portal.notifications.urls")),
    path("jobs/", include("portal.jobs.urls")),
    path("", include("portal.enquiries.urls")),
    path("covenants/", include("covenants.urls")),
    path("news/", include("covenants.news_urls")),
    path("locations/", include("companies.urls")),
    path("due-diligence/", include("duediligence.urls")),
    path("complaints/", include("complaints.urls")),
    path("dashboards/", include("portal.dashboards.urls")),
    path("reports/", include("portal.reports.urls")),
    path("search/", search_view, name="search"),
    # Each app's public publications, named by string like every app's pages: the platform imports none.
    path("publications/", include("covenants.publication_urls")),
    path("publications/", include("duediligence.publication_urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path(settings.PORTAL_ADMIN_PATH, admin.site.urls),
    prefix_default_language=True,
)
