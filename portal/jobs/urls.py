from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job_progress_view, name="detail"),
    path("<int:pk>/download/", views.job_download_view, name="download"),
]
