"""A covenant's publications page, at /<lang>/publications/<slug>/ (included by the site's URLconf)."""

from django.urls import path

from .views.publications import publications_view

urlpatterns = [
    path("<slug:slug>/", publications_view, name="publications"),
]
