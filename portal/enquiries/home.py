"""The enquiries section of the secretariat's home page (registered in `EnquiriesConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .selectors import enquiry_counts_for


def secretariat_section(request: HttpRequest) -> dict[str, Any]:
    """Open and assigned enquiries (one query)."""
    return {"enquiry_counts": enquiry_counts_for(request.user)}
