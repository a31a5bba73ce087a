"""Demo signal: the demo NGO reported a problem at a location of both textile companies; the secretariat
relayed it and the first company answered. Idempotent: a second run finds the signal and adds nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count

from covenants.demo.data import COMPANY_1, NGO, SECRETARIAT
from covenants.models import RiskTheme
from portal.accounts.models import User

from .. import relay
from ..models import LocationSignal, ProductionLocation

DESCRIPTION = (
    "Workers report that the emergency exits on the second floor were locked during the night shift "
    "in the week of 10 March."
)


def seed_signal(*, log: Any) -> None:
    if LocationSignal.objects.filter(description=DESCRIPTION).exists():
        return
    reporter = User.objects.filter(organisation__name=NGO, is_active=True).order_by("pk").first()
    secretary = User.objects.filter(organisation__name=SECRETARIAT, is_active=True).order_by("pk").first()
    responder = User.objects.filter(organisation__name=COMPANY_1, is_active=True).order_by("pk").first()
    theme = RiskTheme.objects.filter(code="health-safety", covenant__isnull=True).first()
    location = (
        ProductionLocation.objects.annotate(buyers=Count("links__company", distinct=True))
        .filter(buyers__gte=2, links__company__name=COMPANY_1)
        .order_by("public_id")
        .first()
    )
    if None in (reporter, secretary, responder, theme, location):
        log("  no demo signal: a demo organisation, theme or shared location is missing")
        return
    assert reporter and secretary and responder and theme and location  # for the type checker
    signal = relay.signal_report(
        actor=reporter,
        location_id=location.pk,
        description=DESCRIPTION,
        occurred_on=date(2026, 3, 10),
        theme_id=theme.pk,
    )
    relay.signal_relay(actor=secretary, signal_id=signal.pk)
    answered = signal.relays.get(company=responder.organisation)
    relay.signal_respond(
        actor=responder,
        relay_id=answered.pk,
        response="We spoke with the factory management the same week; all exits are unlocked again.",
        follow_up="An unannounced fire-safety visit is planned for the next quarter.",
    )
    log("  1 location signal, relayed and answered")
