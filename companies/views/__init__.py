from .matches import match_decide_view, match_queue_view
from .public import location_list_view
from .uploads import (
    upload_create_view,
    upload_decide_view,
    upload_detail_view,
    upload_list_view,
    upload_result_view,
    upload_template_view,
)

__all__ = [
    "location_list_view",
    "match_decide_view",
    "match_queue_view",
    "upload_create_view",
    "upload_decide_view",
    "upload_detail_view",
    "upload_list_view",
    "upload_result_view",
    "upload_template_view",
]
