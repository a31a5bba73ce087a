"""Pages under /<lang>/dashboards/."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("covenants/<slug:slug>/", views.covenant_view, name="covenant"),
    path("government/<slug:slug>/", views.government_view, name="government"),
]
