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
    require_draft,
)
from .risks import action_create, action_progress_add, action_update, risk_create, risk_update

__all__ = [
    "AnswerConflict",
    "Missing",
    "action_create",
    "action_progress_add",
    "action_update",
    "answer_save",
    "assessment_start",
    "assessment_transition",
    "cycle_framework_set",
    "framework_copy",
    "framework_create_from_data",
    "framework_publish",
    "missing_answers",
    "require_draft",
    "risk_create",
    "risk_update",
]
