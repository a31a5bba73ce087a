"""The signals section of an NGO's or a union's home page: the latest signals it reported (one query)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from . import signal_selectors

SHOWN = 5


def reporter_section(request: HttpRequest) -> Mapping[str, Any]:
    signals = list(signal_selectors.signal_list_for_reporter(request.user).order_by("-pk")[: SHOWN + 1])
    return {"home_signals": signals[:SHOWN], "more_signals": len(signals) > SHOWN}


def company_section(request: HttpRequest) -> Mapping[str, Any]:
    """The signals relayed to the company that it has not answered yet (one query)."""
    relays = list(
        signal_selectors.signal_relay_list_for(request.user)
        .filter(responded_at__isnull=True)
        .order_by("-pk")[: SHOWN + 1]
    )
    return {"home_relays": relays[:SHOWN], "more_relays": len(relays) > SHOWN}
