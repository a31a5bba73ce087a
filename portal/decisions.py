"""Rules shared by every decision the secretariat takes (organisations, memberships, later cases)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REJECTION_NEEDS_REASON = _("Give the reasons for the rejection.")


def check_rejection_reason(*, approve: bool, note: str | None, field: str = "note") -> None:
    """A rejection needs its reasons: the one check used by the services, the forms and the API."""
    if not approve and not (note or "").strip():
        raise ValidationError({field: ValidationError(REJECTION_NEEDS_REASON, code="reason_required")})
