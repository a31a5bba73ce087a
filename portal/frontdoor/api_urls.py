"""The front door's API, included in /api/v1/ under the "api" namespace."""

from django.urls import path

from . import api

urlpatterns = [
    path("publications/<slug:slug>/", api.PublicationListApi.as_view(), name="publications"),
]
