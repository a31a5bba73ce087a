"""Committee members on a case: assigned by the secretariat (a guardian grant on the case), declining
with the reason recorded when they have a conflict of interest (the grant is withdrawn)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm, remove_perm

from portal.accounts.roles import Role
from portal.audit.services import audit_record

from ..models import CommitteeAssignment, Party
from ..permissions import HANDLE
from ._common import active_users, locked, notify, require_party, require_secretariat, secretariat_users

PERMISSION = f"complaints.{HANDLE}"


@transaction.atomic
def committee_assign(*, actor: Any, complaint_id: int, member_id: int) -> CommitteeAssignment:
    require_secretariat(actor)
    complaint = locked(complaint_id)
    member = active_users(organisation__kind=Role.COMMITTEE, pk=member_id).first()
    if member is None:
        raise ValidationError({"member": _("Choose a member of the complaints committee.")})
    assignment = CommitteeAssignment.objects.filter(complaint=complaint, member=member).first()
    if assignment is not None and assignment.declined_at is not None:
        raise ValidationError(
            {"member": _("This member declined the case: %(reason)s") % {"reason": assignment.decline_reason}}
        )
    if assignment is None:
        assignment = CommitteeAssignment.objects.create(complaint=complaint, member=member, assigned_by=actor)
    assign_perm(PERMISSION, member, complaint)
    audit_record(actor=actor, action="complaint.assigned", target=complaint, note=f"user {member.pk}")
    notify([member], "complaint.assigned", complaint)
    return assignment


@transaction.atomic
def committee_decline(*, actor: Any, complaint_id: int, reason: str) -> CommitteeAssignment:
    """An assigned member steps back (a conflict of interest): the reason is kept, the access ends."""
    complaint = locked(complaint_id)
    require_party(actor, complaint, Party.COMMITTEE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason, e.g. the conflict of interest.")})
    assignment = CommitteeAssignment.objects.select_for_update().get(complaint=complaint, member=actor)
    assignment.declined_at, assignment.decline_reason = timezone.now(), reason[:2000]
    assignment.save(update_fields=["declined_at", "decline_reason"])
    remove_perm(PERMISSION, actor, complaint)
    audit_record(actor=actor, action="complaint.declined", target=complaint, note=reason[:200])
    notify(secretariat_users(), "complaint.declined", complaint)
    return assignment


def committee_members() -> Any:
    """The committee members the secretariat can assign."""
    return active_users(organisation__kind=Role.COMMITTEE).order_by("last_name", "first_name", "pk")
