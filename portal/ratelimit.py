"""Rate limits per client address, counted in the cache (Redis in production).

Only a digest of the address is used in a cache key, and the key expires with its window, so no
address is stored with what the client sent. A caller decides what happens when the cache is down:
fail open (a complaint or an enquiry is never refused for that) or fail closed (guessing a code
must never get unlimited tries).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

#: (attempts, window in seconds)
Limit = tuple[int, int]


def client_digest(request: HttpRequest) -> str:
    """A keyed digest of the client's address (never the address itself)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def hit(bucket: str, request: HttpRequest, limit: Limit, *, fail_open: bool) -> bool:
    """Count one attempt in `bucket` (e.g. "complaints:filing"); True while within `limit`."""
    attempts, seconds = limit
    window = int(timezone.now().timestamp()) // seconds
    key = f"{bucket}:{client_digest(request)}:{window}"
    try:
        count = 1 if cache.add(key, 1, seconds) else cache.incr(key)
    except Exception:  # the cache is unreachable or misbehaves
        logger.warning(
            "rate limit %s: cache unavailable, failing %s", bucket, "open" if fail_open else "closed"
        )
        return fail_open
    return count <= attempts
