"""Rate limits per client address, counted in the cache (Redis in production), never stored with a
complaint. Filing fails open when the cache is down (a complaint is never refused for that);
receipt-code attempts fail closed (guessing must never get unlimited tries). The counter itself is
the platform's (portal.ratelimit)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from portal.ratelimit import hit

#: (attempts, seconds) per client address.
FILING_LIMIT = (20, 3600)
CODE_LIMIT = (10, 900)


def _hit(bucket: str, request: HttpRequest, limit: tuple[int, int], *, fail_open: bool) -> bool:
    """Count one attempt; True while the client is within the limit."""
    chosen = getattr(settings, f"PORTAL_COMPLAINT_{bucket.upper()}_LIMIT", limit)
    return hit(f"complaints:{bucket}", request, chosen, fail_open=fail_open)


def filing_allowed(request: HttpRequest) -> bool:
    return _hit("filing", request, FILING_LIMIT, fail_open=True)


def code_attempt_allowed(request: HttpRequest) -> bool:
    return _hit("code", request, CODE_LIMIT, fail_open=False)
