"""The learning loop's entry points into the risk register and the action plan.

Called by the complaints app (a higher layer) when a complaint is found admissible and when a ruling
makes recommendations, so that both show up where the company already works: the risk in its register
(flagged "from a complaint", so it appears in its next self-assessment and in the secretariat's
review), the recommendation as an action in its plan whose progress the follow-up reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from companies.models import SupplyLink
from portal.audit.services import audit_record

from ..models import Action, Risk
from ..priority import Level, Likelihood


@transaction.atomic
def risk_from_complaint(
    *,
    actor: Any,
    company_id: int,
    reference: str,
    theme_id: int,
    title: str,
    country: str = "",
    location_ids: Iterable[int] = (),
) -> Risk:
    """The company's register entry for an admissible complaint (once per company and case): an actual
    impact, provisionally rated high and likely until the company assesses it."""
    risk = Risk.objects.filter(
        company_id=company_id, complaint_reference=reference, theme_id=theme_id
    ).first()
    if risk is not None:
        return risk
    risk = Risk(
        company_id=company_id,
        theme_id=theme_id,
        title=title[:200],
        countries=[country] if country else [],  # type: ignore[misc]
        involvement="linked",
        actual=True,
        scale=Level.HIGH,
        scope=Level.MEDIUM,
        irremediable=Level.MEDIUM,
        likelihood=Likelihood.LIKELY,
        complaint_reference=reference,
    )
    risk.rank().save()
    # Only a location the company itself disclosed is linked; the risk is recorded either way.
    wanted = [pk for pk in location_ids if pk]
    if wanted:
        risk.locations.set(
            SupplyLink.objects.filter(company_id=company_id, location_id__in=wanted).values_list(
                "location_id", flat=True
            )
        )
    audit_record(actor=actor, action="risk.from_complaint", target=risk, note=reference)
    return risk


@transaction.atomic
def action_from_recommendation(
    *, actor: Any, risk_id: int, reference: str, title: str, due_on: date, description: str = ""
) -> Action:
    """An action in the company's plan that tracks one recommendation of a ruling."""
    risk = Risk.objects.get(pk=risk_id)
    action = Action.objects.create(
        company_id=risk.company_id,
        risk=risk,
        title=title[:200],
        description=description,
        owner="",
        due_on=due_on,
        complaint_reference=reference,
    )
    audit_record(actor=actor, action="action.from_recommendation", target=action, note=reference)
    return action
