"""Covenants (sector IRBC agreements), their parties and governance, memberships and annual cycles.

Invariants live here as database constraints and `clean()`; status moves live in services.py (the only
writers) checked against workflow.py. Nothing here changes a status in `save()` or a signal.
"""

from .common import (
    DEFAULT_COMPLAINT_DAYS,
    MAX_COMPLAINT_STAGE_DAYS,
    RESERVED_SLUGS,
    ComplaintStage,
    Sector,
    bilingual,
    default_complaint_time_frames,
    validate_complaint_time_frames,
    validate_country_codes,
    validate_slug_not_reserved,
)
from .covenant import (
    STANDARD_RISK_THEMES,
    Covenant,
    CovenantGroupObjectPermission,
    CovenantUserObjectPermission,
    RiskTheme,
)
from .cycle import (
    CYCLE_DEADLINE_FIELDS,
    MAX_CYCLE_YEAR,
    MIN_CYCLE_YEAR,
    YEAR_RANGE_MESSAGE,
    AnnualCycle,
)
from .governance import (
    PARTY_ROLE_KIND,
    Party,
    PartyRole,
    SteeringGroupMeeting,
    SteeringGroupMember,
)
from .membership import (
    Membership,
    MembershipEvent,
)
from .news import NewsAttachment, NewsItem

__all__ = [
    "CYCLE_DEADLINE_FIELDS",
    "DEFAULT_COMPLAINT_DAYS",
    "MAX_COMPLAINT_STAGE_DAYS",
    "MAX_CYCLE_YEAR",
    "MIN_CYCLE_YEAR",
    "PARTY_ROLE_KIND",
    "RESERVED_SLUGS",
    "STANDARD_RISK_THEMES",
    "YEAR_RANGE_MESSAGE",
    "AnnualCycle",
    "ComplaintStage",
    "Covenant",
    "CovenantGroupObjectPermission",
    "CovenantUserObjectPermission",
    "Membership",
    "MembershipEvent",
    "NewsAttachment",
    "NewsItem",
    "Party",
    "PartyRole",
    "RiskTheme",
    "Sector",
    "SteeringGroupMeeting",
    "SteeringGroupMember",
    "bilingual",
    "default_complaint_time_frames",
    "validate_complaint_time_frames",
    "validate_country_codes",
    "validate_slug_not_reserved",
]

# Migrations refer to the upload path by its old dotted name.
from .governance import _minutes_path as _minutes_path
