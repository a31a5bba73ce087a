"""The risk register and the action plan: the only writers of risks, actions and progress entries."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import SupplyLink
from portal.audit.services import audit_record

from ..models import Action, ActionProgress, Risk
from ._common import attach_evidence, require_company

RISK_FIELDS = (
    "theme", "title", "description", "countries", "involvement", "actual",
    "scale", "scope", "irremediable", "likelihood", "status",
)  # fmt: skip
ACTION_FIELDS = (
    "title", "description", "owner", "starts_on", "due_on", "status", "remediation", "remediation_confirmation",
)  # fmt: skip


def _own_locations(company_id: int, locations: Any) -> list[Any]:
    """Only locations the company itself disclosed can be linked to its risks (else: not found)."""
    wanted = list(locations or [])
    if not wanted:
        return []
    own = set(SupplyLink.objects.filter(company_id=company_id).values_list("location_id", flat=True))
    if any(getattr(loc, "pk", loc) not in own for loc in wanted):
        raise ValidationError({"locations": _("Choose production locations your company has disclosed.")})
    return wanted


def _own_risk(company_id: int, risk_id: int, *, lock: bool = False) -> Risk:
    queryset = Risk.objects.select_for_update() if lock else Risk.objects.all()
    risk = queryset.filter(pk=risk_id, company_id=company_id).first()
    if risk is None:
        raise ValidationError({"risk": _("This risk does not exist.")}, code="missing")
    return risk


@transaction.atomic
def risk_create(*, actor: Any, locations: Any = None, **fields: Any) -> Risk:
    """A new entry in the actor's company's risk register, ranked by the documented priority rule."""
    company_id = require_company(actor)
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise ValueError(f"unknown risk fields: {sorted(unknown)}")
    risk = Risk(company_id=company_id, **fields)
    risk.full_clean(exclude=["priority", "company"])
    risk.rank().save()
    risk.locations.set(_own_locations(company_id, locations))
    audit_record(actor=actor, action="risk.created", target=risk)
    return risk


@transaction.atomic
def risk_update(*, actor: Any, risk_id: int, locations: Any = None, **fields: Any) -> Risk:
    """Change a risk of the actor's own company; the priority follows the new scales."""
    company_id = require_company(actor)
    risk = _own_risk(company_id, risk_id, lock=True)
    for name, value in fields.items():
        if name not in RISK_FIELDS:
            raise ValueError(f"unknown risk field: {name}")
        setattr(risk, name, value)
    risk.full_clean(exclude=["priority", "company"])
    risk.rank().save()
    if locations is not None:
        risk.locations.set(_own_locations(company_id, locations))
    audit_record(actor=actor, action="risk.updated", target=risk)
    return risk


def _check_action(action: Action, risk: Risk) -> None:
    action.full_clean(exclude=["company", "risk", "progress"])
    if (
        action.remediation or action.remediation_confirmation != Action.Confirmation.UNKNOWN
    ) and not risk.calls_for_remediation:
        raise ValidationError(
            {
                "remediation": _(
                    "Remediation is recorded where the company caused or contributed to the impact."
                )
            }
        )


@transaction.atomic
def action_create(*, actor: Any, risk_id: int, **fields: Any) -> Action:
    """A new action of the plan against one of the company's own risks."""
    company_id = require_company(actor)
    risk = _own_risk(company_id, risk_id)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"unknown action fields: {sorted(unknown)}")
    action = Action(company_id=company_id, risk=risk, **fields)
    _check_action(action, risk)
    action.save()
    audit_record(actor=actor, action="action.created", target=action)
    return action


@transaction.atomic
def action_update(*, actor: Any, action_id: int, **fields: Any) -> Action:
    company_id = require_company(actor)
    action = (
        Action.objects.select_for_update()
        .select_related("risk")
        .filter(pk=action_id, company_id=company_id)
        .first()
    )
    if action is None:
        raise ValidationError({"action": _("This action does not exist.")}, code="missing")
    for name, value in fields.items():
        if name not in ACTION_FIELDS:
            raise ValueError(f"unknown action field: {name}")
        setattr(action, name, value)
    _check_action(action, action.risk)
    action.save()
    audit_record(actor=actor, action="action.updated", target=action)
    return action


@transaction.atomic
def action_progress_add(
    *, actor: Any, action_id: int, on: date, note: str, percentage: int, evidence: Any = None
) -> ActionProgress:
    """A dated entry in the action's progress log; the action takes its percentage (and is in progress
    from the first entry on, done at 100%)."""
    company_id = require_company(actor)
    action = Action.objects.select_for_update().filter(pk=action_id, company_id=company_id).first()
    if action is None:
        raise ValidationError({"action": _("This action does not exist.")}, code="missing")
    if action.status == Action.Status.CANCELLED:
        raise ValidationError(_("A cancelled action takes no more progress."), code="cancelled")
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date of a progress entry cannot lie in the future.")})
    entry = ActionProgress(action=action, on=on, note=note, percentage=percentage, created_by=actor)
    entry.full_clean(exclude=["action", "evidence"])
    if evidence is not None:
        attach_evidence(entry, evidence)
    entry.save()
    action.progress = percentage
    action.status = Action.Status.DONE if percentage == 100 else Action.Status.IN_PROGRESS
    action.save(update_fields=["progress", "status", "updated_at"])
    audit_record(actor=actor, action="action.progress", target=action, note=f"{percentage}%")
    return entry
