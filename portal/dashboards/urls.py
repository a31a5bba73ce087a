"""Pages under /<lang>/dashboards/."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("covenants/<slug:slug>/", views.covenant_view, name="covenant"),
    path("government/<slug:slug>/", views.government_view, name="government"),
    path("covenants/<slug:slug>/<slug:table>.<slug:fmt>", views.covenant_export_view, name="covenant-export"),
    path(
        "government/<slug:slug>/<slug:table>.<slug:fmt>",
        views.government_export_view,
        name="government-export",
    ),
]
