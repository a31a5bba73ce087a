"""Pages under /<lang>/locations/."""

from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.location_list_view, name="locations"),
    path("matches/", views.match_queue_view, name="matches"),
    path("matches/<int:pk>/decide/", views.match_decide_view, name="match-decide"),
]
