"""Pages under /<lang>/locations/."""

from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.location_list_view, name="locations"),
    path("matches/", views.match_queue_view, name="matches"),
    path("matches/<int:pk>/decide/", views.match_decide_view, name="match-decide"),
    path("uploads/", views.upload_list_view, name="uploads"),
    path("uploads/new/", views.upload_create_view, name="upload-create"),
    path("uploads/<int:pk>/", views.upload_detail_view, name="upload-detail"),
    path("uploads/<int:pk>/decide/", views.upload_decide_view, name="upload-decide"),
    path("uploads/<int:pk>/result.csv", views.upload_result_view, name="upload-result"),
    path("uploads/template/<str:language>.<str:kind>", views.upload_template_view, name="upload-template"),
]
