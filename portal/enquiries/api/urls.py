"""Enquiries API, included in /api/v1/ under the "api" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("enquiries/", views.EnquiryCreateApi.as_view(), name="enquiries-create"),
]
