"""Pages under /<lang>/complaints/."""

from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    # --- without an account ---
    path("file/", views.complaint_file_view, name="file"),
    path("return/", views.complaint_return_view, name="return"),
    path("leave/", views.complaint_leave_view, name="leave"),
    path("rulings/", views.ruling_list_view, name="rulings"),
    path("rulings/<str:reference>/", views.ruling_detail_view, name="ruling"),
    path("tracker/", views.tracker_view, name="tracker"),
    path("performance/<slug:slug>/", views.performance_view, name="performance"),
    # --- cases ---
    path("", views.complaint_list_view, name="list"),
    path("cases/<str:reference>/", views.case_view, name="case"),
    path("cases/<str:reference>/do/<slug:action>/", views.case_action_view, name="case-action"),
    path("cases/<str:reference>/identity/", views.case_identity_view, name="case-identity"),
    path("cases/<str:reference>/personal-data/", views.case_export_view, name="case-export"),
    path("cases/<str:reference>/documents/<int:pk>/", views.document_download_view, name="document"),
    # --- the secretariat ---
    path("register/", views.register_view, name="register"),
    path("access-log/", views.access_log_view, name="access-log"),
    path("settings/<slug:slug>/", views.settings_view, name="settings"),
]
