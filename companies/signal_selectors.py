"""Reads of location signals, each scoped to what the user may see.

The reporter sees its own organisation's signals and their status, never the companies; a company sees
only the relays to itself; the secretariat sees everything, including the linked companies."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from portal.accounts.roles import Role, role_of

from .models import LocationSignal, SignalRelay
from .selectors import count_threshold


def signal_list_for_reporter(user: Any) -> QuerySet[LocationSignal]:
    """Signals reported by the user's organisation (NGO or trade union), newest first."""
    if role_of(user) not in (Role.NGO, Role.TRADE_UNION):
        return LocationSignal.objects.none()
    return LocationSignal.objects.filter(reporter_organisation_id=user.organisation_id).select_related(
        "location", "theme"
    )


def signal_inbox_for(user: Any) -> QuerySet[LocationSignal]:
    """Every signal with its relays and their companies (secretariat only)."""
    if role_of(user) != Role.SECRETARIAT:
        return LocationSignal.objects.none()
    relays = SignalRelay.objects.select_related("company").order_by("company__name")
    return LocationSignal.objects.select_related(
        "location", "theme", "reporter_organisation"
    ).prefetch_related(Prefetch("relays", queryset=relays))


def signal_relay_list_for(user: Any) -> QuerySet[SignalRelay]:
    """The signals relayed to the user's company, newest first."""
    if role_of(user) != Role.COMPANY:
        return SignalRelay.objects.none()
    return SignalRelay.objects.filter(company_id=user.organisation_id).select_related(
        "signal__location", "signal__theme"
    )


def signal_with_evidence_for(user: Any) -> QuerySet[LocationSignal]:
    """Signals whose evidence the user may download: its own reports, relays to its company, or all
    for the secretariat."""
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return LocationSignal.objects.all()
    if role in (Role.NGO, Role.TRADE_UNION):
        return LocationSignal.objects.filter(reporter_organisation_id=user.organisation_id)
    if role == Role.COMPANY:
        return LocationSignal.objects.filter(
            Q(relays__company_id=user.organisation_id), ~Q(status=LocationSignal.Status.REPORTED)
        ).distinct()
    return LocationSignal.objects.none()


def relayed_count_shown(signal: LocationSignal) -> int | None:
    """The number of companies a reporter may see: only from the count threshold on, else None."""
    if signal.relayed_count >= count_threshold():
        return signal.relayed_count
    return None
