from django.urls import include, path

from . import views

app_name = "api"

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="me"),
    path("organisations/", views.OrganisationListApi.as_view(), name="organisations-list"),
    path("organisations/<int:pk>/", views.OrganisationDetailApi.as_view(), name="organisations-detail"),
    path("", include("portal.enquiries.api.urls")),
    path("", include("covenants.api.urls")),
    path("", include("companies.api.urls")),
    path("", include("duediligence.api.urls")),
    path("", include("complaints.api.urls")),
    path("", include("portal.dashboards.api_urls")),
    path("", include("portal.reports.api_urls")),
]
