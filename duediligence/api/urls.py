"""Due-diligence API, included in /api/v1/ under the "api" namespace (names like "api:risks-list")."""

from django.urls import path

from . import assessments, quickscan, reviews, risks

urlpatterns = [
    # --- self-assessments ---
    path("assessments/", assessments.AssessmentListApi.as_view(), name="assessments-list"),
    path("assessment-cycles/", assessments.StartableCycleListApi.as_view(), name="assessment-cycles-list"),
    path(
        "assessment-cycles/<int:pk>/start/",
        assessments.AssessmentStartApi.as_view(),
        name="assessment-cycles-start",
    ),
    path("assessments/<int:pk>/", assessments.AssessmentDetailApi.as_view(), name="assessments-detail"),
    path(
        "assessments/<int:pk>/questions/",
        assessments.AssessmentQuestionListApi.as_view(),
        name="assessments-questions",
    ),
    path(
        "assessments/<int:pk>/answers/",
        assessments.AnswerCreateApi.as_view(),
        name="assessments-answers-create",
    ),
    path(
        "assessments/<int:pk>/answers/<int:question_id>/",
        assessments.AnswerUpdateApi.as_view(),
        name="assessments-answers-update",
    ),
    path(
        "assessments/<int:pk>/submit/", assessments.AssessmentSubmitApi.as_view(), name="assessments-submit"
    ),
    # --- the secretariat's review ---
    path("assessments/<int:pk>/review/", reviews.ReviewDetailApi.as_view(), name="assessments-review"),
    path(
        "assessments/<int:pk>/review/start/",
        reviews.ReviewStartApi.as_view(),
        name="assessments-review-start",
    ),
    path(
        "assessments/<int:pk>/review/sections/<int:section_id>/",
        reviews.SectionScoreSetApi.as_view(),
        name="assessments-review-section",
    ),
    path(
        "assessments/<int:pk>/review/feedback/<int:question_id>/",
        reviews.QuestionFeedbackSetApi.as_view(),
        name="assessments-review-feedback",
    ),
    path(
        "assessments/<int:pk>/review/decide/",
        reviews.ReviewDecideApi.as_view(),
        name="assessments-review-decide",
    ),
    # --- the risk register and the action plan ---
    path("risks/", risks.RiskListApi.as_view(), name="risks-list"),
    path("risks/create/", risks.RiskCreateApi.as_view(), name="risks-create"),
    path("risks/<int:pk>/", risks.RiskDetailApi.as_view(), name="risks-detail"),
    path("actions/", risks.ActionListApi.as_view(), name="actions-list"),
    path("actions/create/", risks.ActionCreateApi.as_view(), name="actions-create"),
    path("actions/<int:pk>/", risks.ActionDetailApi.as_view(), name="actions-detail"),
    path("actions/<int:pk>/progress/", risks.ProgressListApi.as_view(), name="actions-progress"),
    path(
        "actions/<int:pk>/progress/create/",
        risks.ProgressCreateApi.as_view(),
        name="actions-progress-create",
    ),
    # --- the quick scan (public) ---
    path("quick-scan/", quickscan.QuickScanApi.as_view(), name="quick-scan"),
]
