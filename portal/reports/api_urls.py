"""The annual reports' API, included in /api/v1/ under the "api" namespace."""

from django.urls import path

from . import api

urlpatterns = [
    path("reports/", api.AnnualReportListApi.as_view(), name="reports-list"),
    path("reports/<int:pk>/download/", api.AnnualReportDownloadApi.as_view(), name="reports-download"),
]
