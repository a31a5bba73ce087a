"""Thin views: parse input, call one selector or service, render. Each states who may use it."""

from .cycles import (
    cycle_close_view,
    cycle_create_view,
    cycle_detail_view,
    cycle_list_view,
    cycle_open_view,
)
from .governance import (
    governance_manage_view,
    meeting_create_view,
    meeting_edit_view,
    party_end_view,
    party_manage_view,
    steering_member_end_view,
)
from .manage import (
    covenant_create_view,
    covenant_edit_view,
    covenant_manage_view,
    covenant_status_view,
    theme_create_view,
)
from .memberships import (
    MEMBERSHIP_FORM_PREFIXES,
    application_list_view,
    membership_apply_view,
    membership_decide_view,
    membership_detail_view,
    membership_end_view,
    membership_list_view,
    membership_reinstate_view,
    membership_suspend_view,
)
from .public import (
    MEMBERS_PAGE_SIZE,
    PAGE_SIZE,
    covenant_detail_view,
    covenant_list_view,
    meeting_minutes_view,
)

__all__ = [
    "MEMBERSHIP_FORM_PREFIXES",
    "MEMBERS_PAGE_SIZE",
    "PAGE_SIZE",
    "application_list_view",
    "covenant_create_view",
    "covenant_detail_view",
    "covenant_edit_view",
    "covenant_list_view",
    "covenant_manage_view",
    "covenant_status_view",
    "cycle_close_view",
    "cycle_create_view",
    "cycle_detail_view",
    "cycle_list_view",
    "cycle_open_view",
    "governance_manage_view",
    "meeting_create_view",
    "meeting_edit_view",
    "meeting_minutes_view",
    "membership_apply_view",
    "membership_decide_view",
    "membership_detail_view",
    "membership_end_view",
    "membership_list_view",
    "membership_reinstate_view",
    "membership_suspend_view",
    "party_end_view",
    "party_manage_view",
    "steering_member_end_view",
    "theme_create_view",
]
