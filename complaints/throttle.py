"""Rate limits per client address, counted in the cache (Redis in production), never stored with a
complaint. Filing fails open when the cache is down (a complaint is never refused for that);
receipt-code attempts fail closed (guessing must never get unlimited tries)."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

#: (attempts, seconds) per client address.
FILING_LIMIT = (20, 3600)
CODE_LIMIT = (10, 900)


def _client(request: HttpRequest) -> str:
    # Only a digest of the address is used as a cache key, and it expires with the window.
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def _hit(bucket: str, request: HttpRequest, limit: tuple[int, int], *, fail_open: bool) -> bool:
    """Count one attempt; True while the client is within the limit."""
    attempts, seconds = getattr(settings, f"PORTAL_COMPLAINT_{bucket.upper()}_LIMIT", limit)
    window = int(timezone.now().timestamp()) // seconds
    key = f"complaints:{bucket}:{_client(request)}:{window}"
    try:
        count = 1 if cache.add(key, 1, seconds) else cache.incr(key)
    except Exception:  # the cache is unreachable or misbehaves
        logger.warning(
            "rate limit %s: cache unavailable, failing %s", bucket, "open" if fail_open else "closed"
        )
        return fail_open
    return count <= attempts


def filing_allowed(request: HttpRequest) -> bool:
    return _hit("filing", request, FILING_LIMIT, fail_open=True)


def code_attempt_allowed(request: HttpRequest) -> bool:
    return _hit("code", request, CODE_LIMIT, fail_open=False)
