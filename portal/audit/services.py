"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from .models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Model | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Add one audit row (in the caller's transaction, so it commits or rolls back with the change)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        note=note,
        ip_address=_client_ip(request),
    )
