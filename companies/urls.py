"""Pages under /<lang>/locations/."""

from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.location_list_view, name="locations"),
]
