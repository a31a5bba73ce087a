"""The only writers of covenants, parties, governance, memberships and annual cycles.

Every function is `<entity>_<verb>(*, actor, ...)`, atomic, validated, audited, and writes its
notifications to the outbox in the same transaction. A status changes only here: the row is locked,
the move is checked against workflow.py, saved with `update_fields`, and recorded as an event.
Errors are ValidationErrors keyed by the form field they belong to, so pages show them at the field.
"""

from .covenants import (
    COVENANT_FIELDS,
    covenant_create,
    covenant_transition,
    covenant_update,
    risk_theme_add,
    risk_theme_sync_standard,
)
from .cycles import (
    CYCLE_FIELDS,
    cycle_close,
    cycle_create,
    cycle_open,
    cycle_send_deadline_reminders,
    cycle_update,
)
from .governance import (
    MAX_MINUTES_BYTES,
    MINUTES_TYPES,
    meeting_create,
    meeting_update,
    party_add,
    party_end,
    steering_grants_expire,
    steering_member_add,
    steering_member_end,
)
from .memberships import (
    APPLICATION_FIELDS,
    membership_apply,
    membership_approve,
    membership_decide,
    membership_end,
    membership_reinstate,
    membership_reject,
    membership_suspend,
)
from .news import news_attachment_remove, news_save

__all__ = [
    "APPLICATION_FIELDS",
    "COVENANT_FIELDS",
    "CYCLE_FIELDS",
    "MAX_MINUTES_BYTES",
    "MINUTES_TYPES",
    "covenant_create",
    "covenant_transition",
    "covenant_update",
    "cycle_close",
    "cycle_create",
    "cycle_open",
    "cycle_send_deadline_reminders",
    "cycle_update",
    "meeting_create",
    "meeting_update",
    "membership_apply",
    "membership_approve",
    "membership_decide",
    "membership_end",
    "membership_reinstate",
    "membership_reject",
    "membership_suspend",
    "news_attachment_remove",
    "news_save",
    "party_add",
    "party_end",
    "risk_theme_add",
    "risk_theme_sync_standard",
    "steering_grants_expire",
    "steering_member_add",
    "steering_member_end",
]
