"""Pages under /<lang>/due-diligence/."""

from django.urls import path

from . import views
from .quickscan import views as quickscan

app_name = "duediligence"

urlpatterns = [
    # --- self-assessments ---
    path("", views.assessment_list_view, name="assessments"),
    path("cycles/<int:cycle_id>/start/", views.assessment_start_view, name="assessment-start"),
    path("assessments/<int:pk>/", views.assessment_detail_view, name="assessment"),
    path("assessments/<int:pk>/steps/<int:step>/", views.assessment_step_view, name="assessment-step"),
    path("assessments/<int:pk>/submit/", views.assessment_submit_view, name="assessment-submit"),
    path("assessments/<int:pk>/review/", views.assessment_review_view, name="assessment-review"),
    path("assessments/<int:pk>/report/", views.assessment_report_view, name="assessment-report"),
    # --- public performance per member, and the suspension review queue ---
    path("performance/", views.performance_list_view, name="performances"),
    path("performance/<int:pk>/", views.performance_detail_view, name="performance"),
    path("suspension-reviews/", views.suspension_review_list_view, name="suspension-reviews"),
    path("suspension-reviews/<int:pk>/", views.suspension_review_view, name="suspension-review"),
    path(
        "cycles/<int:cycle_id>/companies/<int:company_id>/escalate/",
        views.suspension_escalate_view,
        name="suspension-escalate",
    ),
    # --- frameworks (the secretariat) ---
    path("frameworks/", views.framework_list_view, name="frameworks"),
    path("frameworks/new/<slug:slug>/", views.framework_create_view, name="framework-create"),
    path("frameworks/<int:pk>/", views.framework_detail_view, name="framework"),
    path("frameworks/questions/<int:pk>/edit/", views.question_edit_view, name="question-edit"),
    # --- the risk register and the action plan ---
    path("risks/", views.risk_list_view, name="risks"),
    path("risks/new/", views.risk_create_view, name="risk-create"),
    path("risks/<int:pk>/edit/", views.risk_edit_view, name="risk-edit"),
    path("actions/", views.action_list_view, name="actions"),
    path("actions/new/", views.action_create_view, name="action-create"),
    path("actions/<int:pk>/", views.action_detail_view, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit_view, name="action-edit"),
    # --- the quick scan (public) and its dataset (the secretariat) ---
    path("quick-scan/", quickscan.quickscan_view, name="quickscan"),
    path("quick-scan/save/", quickscan.quickscan_save_view, name="quickscan-save"),
    path("quick-scan/dataset/", quickscan.dataset_view, name="quickscan-dataset"),
    path("quick-scan/dataset/export/", quickscan.dataset_export_view, name="quickscan-export"),
    path("quick-scan/dataset/new/", quickscan.indication_create_view, name="quickscan-indication-create"),
    path(
        "quick-scan/dataset/<int:pk>/edit/", quickscan.indication_edit_view, name="quickscan-indication-edit"
    ),
    path(
        "quick-scan/dataset/<int:pk>/delete/",
        quickscan.indication_delete_view,
        name="quickscan-indication-delete",
    ),
]
