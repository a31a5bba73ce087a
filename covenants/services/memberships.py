"""Memberships: apply, decide, suspend, reinstate, end."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record
from portal.decisions import check_rejection_reason
from portal.notifications.kinds import in_each_language
from portal.notifications.services import notification_enqueue

from .. import workflow
from ..models import (
    Covenant,
    Membership,
    MembershipEvent,
    Party,
    PartyRole,
)
from ..notifications import covenant_name
from ._common import _full_clean, _require_secretariat, _users_of

# --- memberships -----------------------------------------------------------------------------------

APPLICATION_FIELDS = Membership.APPLICATION_FIELDS


def _country_codes(value: str | Iterable[str]) -> list[str]:
    """ISO codes as given ("bd, cn" or ["bd", "CN"]) in upper case, each once; the model checks them."""
    items = re.split(r"[\s,;]+", value) if isinstance(value, str) else value
    return list(dict.fromkeys(str(code).strip().upper() for code in items if str(code).strip()))


def _membership_url(membership: Membership) -> str:
    return reverse("covenants:membership-detail", kwargs={"pk": membership.pk})


def _locked_membership(membership_id: int) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("covenant", "company")
        .get(pk=membership_id)
    )


def _record_move(
    *,
    membership: Membership,
    actor: User,
    to: Membership.Status,
    note: str = "",
    effective_on: date | None = None,
    extra_fields: Iterable[str] = (),
) -> MembershipEvent:
    """Check the move, write the event and the new status (the caller has locked the row)."""
    workflow.check(membership.status, to)
    event = MembershipEvent.objects.create(
        membership=membership,
        actor=actor,
        from_status=membership.status,
        to_status=to,
        note=note,
        effective_on=effective_on or timezone.localdate(),
    )
    membership.status, membership.status_changed_at = to, event.created_at
    membership.save(update_fields=["status", "status_changed_at", "updated_at", *extra_fields])
    audit_record(
        actor=actor,
        action=f"membership.{to}",
        target=membership,
        note=f"{event.from_status} -> {to}" + (f": {note}" if note else ""),
    )
    return event


def _notify_company(membership: Membership, kind: str, **params: Any) -> None:
    notification_enqueue(
        recipients=_users_of([membership.company_id]),
        kind=kind,
        params={
            "company": membership.company.name,
            "covenant": covenant_name(membership.covenant),
            **params,
        },
        url=_membership_url(membership),
    )


def _check_accepts_members(covenant: Covenant, field: str | None = None) -> None:
    if covenant.accepts_members:
        return
    if covenant.status == Covenant.Status.ENDED:
        message = _("This covenant has ended and accepts no new members.")
    else:
        message = _("This covenant is still being negotiated; companies can join once it is active.")
    raise ValidationError({field: message} if field else message)


def _check_decider(actor: User, membership: Membership) -> None:
    # Before the role check: a company trying to approve itself gets the clearer message.
    if actor.organisation_id == membership.company_id:
        raise ValidationError(_("You cannot decide on your own organisation's application."))
    _require_secretariat(actor)


@transaction.atomic
def membership_apply(*, actor: User, covenant_id: int, **declaration: Any) -> Membership:
    """A company applies to join a covenant with its adherence declaration; the secretariat decides."""
    if role_of(actor) != Role.COMPANY:
        raise PermissionDenied(_("Only a company can apply for membership of a covenant."))
    unknown = set(declaration) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    company = actor.organisation
    assert company is not None  # role_of() said COMPANY
    _check_accepts_members(covenant, field="covenant")
    if Membership.objects.filter(
        covenant=covenant, company=company, status__in=Membership.OPEN_STATUSES
    ).exists():
        raise ValidationError(
            {
                "covenant": _(
                    "Your organisation already has an application or membership for this covenant that is still open."
                )
            }
        )
    if "sourcing_countries" in declaration:
        declaration["sourcing_countries"] = _country_codes(declaration["sourcing_countries"])
    membership = Membership(
        covenant=covenant, company=company, applied_by=actor, status=Membership.Status.APPLIED, **declaration
    )
    _full_clean(membership)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:  # a second application that raced this one
        raise ValidationError(
            {
                "covenant": _(
                    "Your organisation already has an open application or membership for this covenant."
                )
            }
        ) from exc
    MembershipEvent.objects.create(
        membership=membership, actor=actor, from_status="", to_status=Membership.Status.APPLIED
    )
    audit_record(actor=actor, action="membership.applied", target=membership)
    notification_enqueue(
        recipients=_users_of([covenant.secretariat_id]),
        kind="membership.applied",
        params={"company": company.name, "covenant": covenant_name(covenant)},
        url=_membership_url(membership),
    )
    _notify_company(membership, "membership.received")
    return membership


@transaction.atomic
def membership_approve(
    *, actor: User, membership_id: int, note: str = "", joined_on: date | None = None
) -> Membership:
    """The secretariat approves an application: the company becomes an active member and a party."""
    membership = _locked_membership(membership_id)
    _check_decider(actor, membership)
    covenant = membership.covenant
    _check_accepts_members(covenant)
    joined_on = joined_on or timezone.localdate()
    if covenant.ends_on and joined_on > covenant.ends_on:
        raise ValidationError({"joined_on": _("The company cannot join after the covenant's end date.")})
    membership.joined_on = joined_on
    membership.decided_at, membership.decided_by, membership.decision_note = timezone.now(), actor, note
    _record_move(
        membership=membership,
        actor=actor,
        to=Membership.Status.ACTIVE,
        note=note,
        effective_on=joined_on,
        extra_fields=["joined_on", "decided_at", "decided_by", "decision_note"],
    )
    party = Party.objects.current(on=joined_on).filter(
        covenant=covenant, organisation_id=membership.company_id
    )
    if party.filter(left_on__isnull=False).exists():
        # The company's earlier membership ends on a later date: it simply stays a party.
        party.update(left_on=None)
    elif not party.exists():
        Party.objects.create(
            covenant=covenant,
            organisation_id=membership.company_id,
            role=PartyRole.MEMBER_COMPANY,
            joined_on=joined_on,
        )
    _notify_company(membership, "membership.approved", note=note)
    return membership


@transaction.atomic
def membership_reject(*, actor: User, membership_id: int, note: str) -> Membership:
    """The secretariat rejects an application, giving its reasons (required)."""
    membership = _locked_membership(membership_id)
    _check_decider(actor, membership)
    check_rejection_reason(approve=False, note=note)
    membership.decided_at, membership.decided_by, membership.decision_note = timezone.now(), actor, note
    _record_move(
        membership=membership,
        actor=actor,
        to=Membership.Status.REJECTED,
        note=note,
        extra_fields=["decided_at", "decided_by", "decision_note"],
    )
    _notify_company(membership, "membership.rejected", note=note)
    return membership


def membership_decide(
    *, actor: User, membership_id: int, approve: bool, note: str = "", joined_on: date | None = None
) -> Membership:
    """Approve or reject an application (one entry point for the decision form and the API)."""
    if approve:
        return membership_approve(actor=actor, membership_id=membership_id, note=note, joined_on=joined_on)
    return membership_reject(actor=actor, membership_id=membership_id, note=note)


def _check_effective(membership: Membership, effective_on: date, field: str = "effective_on") -> None:
    if membership.joined_on and effective_on < membership.joined_on:
        raise ValidationError(
            {
                field: ValidationError(
                    _("This date cannot be before the company joined (%(joined)s)."),
                    params={"joined": formats.date_format(membership.joined_on)},
                )
            }
        )


@transaction.atomic
def membership_suspend(
    *, actor: User, membership_id: int, note: str, effective_on: date | None = None
) -> Membership:
    """The secretariat suspends an active member, with the reason."""
    _require_secretariat(actor)
    membership = _locked_membership(membership_id)
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for the suspension.")})
    effective_on = effective_on or timezone.localdate()
    workflow.check(membership.status, Membership.Status.SUSPENDED)
    _check_effective(membership, effective_on)
    _record_move(
        membership=membership,
        actor=actor,
        to=Membership.Status.SUSPENDED,
        note=note,
        effective_on=effective_on,
    )
    _notify_company(membership, "membership.suspended", note=note)
    return membership


@transaction.atomic
def membership_reinstate(
    *, actor: User, membership_id: int, note: str = "", effective_on: date | None = None
) -> Membership:
    """The secretariat lifts a suspension: the company is an active member again."""
    _require_secretariat(actor)
    membership = _locked_membership(membership_id)
    effective_on = effective_on or timezone.localdate()
    workflow.check(membership.status, Membership.Status.ACTIVE)
    _check_effective(membership, effective_on)
    _record_move(
        membership=membership, actor=actor, to=Membership.Status.ACTIVE, note=note, effective_on=effective_on
    )
    _notify_company(membership, "membership.reinstated", note=note)
    return membership


@transaction.atomic
def membership_end(
    *,
    actor: User,
    membership_id: int,
    reason: Membership.EndReason | str,
    ended_on: date | None = None,
    note: str = "",
) -> Membership:
    """End a membership because the company left or was expelled; it stops being a party that day."""
    _require_secretariat(actor)
    membership = _locked_membership(membership_id)
    if reason not in Membership.EndReason.values:
        raise ValidationError({"reason": _("Say whether the company left or was expelled.")})
    reason = Membership.EndReason(reason)
    if reason == Membership.EndReason.EXPELLED and not note.strip():
        raise ValidationError({"note": _("Give the reason for the expulsion.")})
    ended_on = ended_on or timezone.localdate()
    workflow.check(membership.status, Membership.Status.ENDED)
    _check_effective(membership, ended_on, field="ended_on")
    membership.ended_on, membership.end_reason = ended_on, reason
    _record_move(
        membership=membership,
        actor=actor,
        to=Membership.Status.ENDED,
        note=note,
        effective_on=ended_on,
        extra_fields=["ended_on", "end_reason"],
    )
    Party.objects.current(on=ended_on).filter(
        covenant_id=membership.covenant_id,
        organisation_id=membership.company_id,
        role=PartyRole.MEMBER_COMPANY,
    ).update(left_on=ended_on)
    _notify_company(
        membership,
        "membership.ended",
        reason=in_each_language(lambda: reason.label),
        note=note,
    )
    return membership
