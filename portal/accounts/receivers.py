"""Reactions to the authentication library's events; each calls one service."""

from __future__ import annotations

from typing import Any

from . import services


def email_confirmed_submit_request(sender: Any, request: Any, email_address: Any, **kwargs: Any) -> None:
    """A verified e-mail address sends the organisation's waiting request on to the secretariat."""
    services.organisation_request_submit(user=email_address.user)
