"""Who sees and does what in a complaint case (see docs/permissions.md, section "Complaints").

- The complainant sees its own case: through the account that filed it (any user of that NGO or union),
  or, without an account, through the receipt code (a `ReceiptHolder` kept in the session).
- A respondent company sees the case only from the moment it was found admissible, and never the
  complainant's identity unless the complainant consented.
- Committee members see the cases they are assigned to (a guardian grant), the secretariat all cases.
- Government, other companies, NGOs and the public see nothing of a running case.

Lists filter in SQL (`visible_q`); a single case is reached only through `complaints.selectors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from portal.accounts.roles import Role, role_of

from .models import Complaint, ComplaintUserObjectPermission, Party

HANDLE = "handle_complaint"
#: Roles with a case list page: the filers (NGO, union), respondents, the committee, the secretariat.
CASE_LIST_ROLES: tuple[Role, ...] = (
    Role.SECRETARIAT,
    Role.COMMITTEE,
    Role.COMPANY,
    Role.NGO,
    Role.TRADE_UNION,
)
STAFF_ROLES: tuple[Role, ...] = (Role.SECRETARIAT, Role.COMMITTEE)
#: Filing through the form with an account (the form itself is public).
FILER_ROLES: tuple[Role, ...] = (Role.NGO, Role.TRADE_UNION)

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SECRETARIAT: [
        "complaints.view_complaint",
        "complaints.change_complaint",
        "complaints.view_complainantidentity",
        "complaints.view_identityaccess",
        "complaints.view_publication",
        "complaints.add_publication",
    ],
    Role.COMMITTEE: ["complaints.view_complaint"],
}


@dataclass(frozen=True)
class ReceiptHolder:
    """Someone who typed the right receipt code for one case in this browser session."""

    complaint_id: int
    is_authenticated: bool = False
    is_active: bool = False
    pk: None = None


def is_assigned(user: Any, complaint_id: int) -> bool:
    """Whether `user` holds the committee grant on the case (declining removes it)."""
    return ComplaintUserObjectPermission.objects.filter(
        user_id=user.pk, content_object_id=complaint_id, permission__codename=HANDLE
    ).exists()


def visible_q(user: Any) -> Q | None:
    """The cases `user` may open, as a filter; None when the user may open none."""
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return Q()
    if role == Role.COMMITTEE:
        return Q(
            complaintuserobjectpermission__user_id=user.pk,
            complaintuserobjectpermission__permission__codename=HANDLE,
        )
    if role == Role.COMPANY:
        return Q(respondents__company_id=user.organisation_id, admitted_at__isnull=False)
    if role in FILER_ROLES:
        return Q(filed_by__organisation_id=user.organisation_id)
    return None


def party_of(actor: Any, complaint: Complaint) -> Party | None:
    """The capacity in which `actor` takes part in `complaint`, or None: no access at all."""
    if isinstance(actor, ReceiptHolder):
        return Party.COMPLAINANT if actor.complaint_id == complaint.pk else None
    role = role_of(actor)
    if role == Role.SECRETARIAT:
        return Party.SECRETARIAT
    if role == Role.COMMITTEE:
        return Party.COMMITTEE if is_assigned(actor, complaint.pk) else None
    if role in FILER_ROLES and complaint.filed_by is not None:
        if complaint.filed_by.organisation_id == actor.organisation_id:
            return Party.COMPLAINANT
        return None
    admitted = role == Role.COMPANY and complaint.admitted_at is not None
    if admitted and complaint.respondents.filter(company_id=actor.organisation_id).exists():
        return Party.RESPONDENT
    return None


def may_see_identity(party: Party | None, complaint: Complaint) -> bool:
    """The committee and the secretariat handle the case; the respondent only with consent; the
    complainant knows who it is. Each read is logged (`services.identity_read`)."""
    if party in (Party.SECRETARIAT, Party.COMMITTEE, Party.COMPLAINANT):
        return True
    return party == Party.RESPONDENT and complaint.share_identity and not complaint.anonymous
