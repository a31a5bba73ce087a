"""Every write of the complaints app: `<entity>_<verb>(*, actor, ...)`, atomic, validated, audited."""

from .casefile import document_add, follow_up_report_add, hearing_set, message_post, respondents_route
from .cases import complaint_move, complaint_pause, complaint_resume, overdue_sweep, ruling_record
from .committee import committee_assign, committee_decline, committee_members
from .intake import Filed, complaint_file
from .privacy import identity_erase, identity_export, identity_read, retention_run
from .publication import complaint_publish, complaint_settings_update, feedback_give

__all__ = [
    "Filed",
    "committee_assign",
    "committee_decline",
    "committee_members",
    "complaint_file",
    "complaint_move",
    "complaint_pause",
    "complaint_publish",
    "complaint_resume",
    "complaint_settings_update",
    "document_add",
    "feedback_give",
    "follow_up_report_add",
    "hearing_set",
    "identity_erase",
    "identity_export",
    "identity_read",
    "message_post",
    "overdue_sweep",
    "respondents_route",
    "retention_run",
    "ruling_record",
]
