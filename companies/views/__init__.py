from .exports import location_export_view, my_locations_export_view, supply_chain_view
from .matches import match_decide_view, match_queue_view
from .public import location_list_view
from .signals import (
    company_signals_view,
    my_signals_view,
    signal_close_view,
    signal_evidence_view,
    signal_inbox_view,
    signal_relay_view,
    signal_report_view,
    signal_respond_view,
)
from .uploads import (
    upload_create_view,
    upload_decide_view,
    upload_detail_view,
    upload_list_view,
    upload_result_view,
    upload_template_view,
)

__all__ = [
    "company_signals_view",
    "location_export_view",
    "location_list_view",
    "match_decide_view",
    "match_queue_view",
    "my_locations_export_view",
    "my_signals_view",
    "signal_close_view",
    "signal_evidence_view",
    "signal_inbox_view",
    "signal_relay_view",
    "signal_report_view",
    "signal_respond_view",
    "supply_chain_view",
    "upload_create_view",
    "upload_decide_view",
    "upload_detail_view",
    "upload_list_view",
    "upload_result_view",
    "upload_template_view",
]
