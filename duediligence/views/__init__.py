"""The due-diligence pages: thin views that parse, call a selector or service, and render."""

from .assessments import (
    assessment_detail_view,
    assessment_list_view,
    assessment_start_view,
    assessment_step_view,
    assessment_submit_view,
)
from .frameworks import framework_create_view, framework_detail_view, framework_list_view, question_edit_view
from .performance import (
    performance_detail_view,
    performance_list_view,
    suspension_escalate_view,
    suspension_review_list_view,
    suspension_review_view,
)
from .reports import assessment_report_view
from .reviews import assessment_review_view
from .risks import (
    action_create_view,
    action_detail_view,
    action_edit_view,
    action_list_view,
    risk_create_view,
    risk_edit_view,
    risk_list_view,
)

__all__ = [
    "action_create_view",
    "action_detail_view",
    "action_edit_view",
    "action_list_view",
    "assessment_detail_view",
    "assessment_list_view",
    "assessment_report_view",
    "assessment_review_view",
    "assessment_start_view",
    "assessment_step_view",
    "assessment_submit_view",
    "framework_create_view",
    "framework_detail_view",
    "framework_list_view",
    "performance_detail_view",
    "performance_list_view",
    "question_edit_view",
    "risk_create_view",
    "risk_edit_view",
    "risk_list_view",
    "suspension_escalate_view",
    "suspension_review_list_view",
    "suspension_review_view",
]
