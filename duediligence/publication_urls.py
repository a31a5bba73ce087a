"""A covenant's published due-diligence framework, at /<lang>/publications/<slug>/framework/<version>/
(included by the site's URLconf beside the covenant's publications page)."""

from django.urls import path

from .frontdoor import published_framework_view

urlpatterns = [
    path("<slug:slug>/framework/<int:version>/", published_framework_view, name="framework"),
]
