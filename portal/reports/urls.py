"""Pages under /<lang>/reports/."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list_view, name="list"),
    path("download/<int:pk>/", views.report_download_view, name="download"),
    path("publish/<int:pk>/", views.report_publish_view, name="publish"),
    path("<slug:slug>/", views.covenant_reports_view, name="covenant"),
    path("<slug:slug>/new/", views.report_request_view, name="request"),
    path("<slug:slug>/<int:year>/foreword/", views.foreword_view, name="foreword"),
]
