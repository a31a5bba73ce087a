"""Every write of the due-diligence app: `<entity>_<verb>(*, actor, ...)`, atomic, validated, audited."""

from .assessments import (
    AnswerConflict,
    Missing,
    answer_save,
    assessment_start,
    assessment_transition,
    missing_answers,
)
from .frameworks import (
    cycle_framework_set,
    framework_copy,
    framework_create_from_data,
    framework_publish,
    question_update,
    require_draft,
)
from .from_complaints import action_from_recommendation, risk_from_complaint
from .performance import (
    performance_comment,
    performance_open,
    performance_publish,
    performance_share,
    performance_update,
    suspension_review_decide,
    suspension_review_escalate,
)
from .reviews import (
    computed_scores,
    question_feedback_set,
    review_decide,
    review_start,
    review_total,
    section_score_set,
    submission_changes,
)
from .risks import action_create, action_progress_add, action_update, risk_create, risk_update

__all__ = [
    "AnswerConflict",
    "Missing",
    "action_create",
    "action_from_recommendation",
    "action_progress_add",
    "action_update",
    "answer_save",
    "assessment_start",
    "assessment_transition",
    "computed_scores",
    "cycle_framework_set",
    "framework_copy",
    "framework_create_from_data",
    "framework_publish",
    "missing_answers",
    "performance_comment",
    "performance_open",
    "performance_publish",
    "performance_share",
    "performance_update",
    "question_feedback_set",
    "question_update",
    "require_draft",
    "review_decide",
    "review_start",
    "review_total",
    "risk_create",
    "risk_from_complaint",
    "risk_update",
    "section_score_set",
    "submission_changes",
    "suspension_review_decide",
    "suspension_review_escalate",
]
