"""Complaints API, included in /api/v1/ under the "api" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("complaints/", views.ComplaintListApi.as_view(), name="complaints-list"),
    path("complaints/file/", views.ComplaintFileApi.as_view(), name="complaints-file"),
    path("complaints/receipt/", views.ReceiptCaseApi.as_view(), name="complaints-receipt"),
    path("complaints/<str:reference>/", views.ComplaintDetailApi.as_view(), name="complaints-detail"),
    path("complaints/<str:reference>/moves/", views.ComplaintMoveApi.as_view(), name="complaints-move"),
    path(
        "complaints/<str:reference>/messages/",
        views.ComplaintMessageApi.as_view(),
        name="complaints-messages",
    ),
    path("rulings/", views.RulingListApi.as_view(), name="rulings-list"),
    path(
        "complaint-performance/<slug:slug>/",
        views.ComplaintPerformanceApi.as_view(),
        name="complaints-performance",
    ),
]
