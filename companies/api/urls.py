"""Companies API, included in /api/v1/ under the "api" namespace (names like "api:locations-list")."""

from django.urls import path

from . import views

urlpatterns = [
    path("locations/", views.PublicLocationListApi.as_view(), name="locations-list"),
    path("locations/<str:public_id>/", views.PublicLocationDetailApi.as_view(), name="locations-detail"),
    path("location-matches/", views.LocationMatchListApi.as_view(), name="location-matches-list"),
    path(
        "location-matches/<int:pk>/decide/",
        views.LocationMatchDecideApi.as_view(),
        name="location-matches-decide",
    ),
]
