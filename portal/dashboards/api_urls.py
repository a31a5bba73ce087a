"""The dashboards' API, included in /api/v1/ under the "api" namespace."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "dashboards/covenants/<slug:slug>/", api.SecretariatDashboardApi.as_view(), name="dashboards-covenant"
    ),
    path(
        "dashboards/government/<slug:slug>/",
        api.GovernmentDashboardApi.as_view(),
        name="dashboards-government",
    ),
]
