from .cases import (
    access_log_view,
    case_action_view,
    case_export_view,
    case_identity_view,
    case_view,
    complaint_list_view,
    document_download_view,
)
from .manage import register_view, settings_view
from .public import (
    complaint_file_view,
    complaint_leave_view,
    complaint_return_view,
    performance_view,
    ruling_detail_view,
    ruling_list_view,
    tracker_view,
)

__all__ = [
    "access_log_view",
    "case_action_view",
    "case_export_view",
    "case_identity_view",
    "case_view",
    "complaint_file_view",
    "complaint_leave_view",
    "complaint_list_view",
    "complaint_return_view",
    "document_download_view",
    "performance_view",
    "register_view",
    "ruling_detail_view",
    "ruling_list_view",
    "settings_view",
    "tracker_view",
]
