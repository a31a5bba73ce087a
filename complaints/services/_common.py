"""What the complaint services share: locking a case, checking who acts in what capacity, recording
moves and telling the people involved, always in the reader's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from covenants.notifications import covenant_name
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role, role_of
from portal.notifications.services import notification_enqueue, notification_enqueue_email

from ..models import Complaint, ComplaintUserObjectPermission, Party
from ..permissions import HANDLE, party_of


def locked(complaint_id: int) -> Complaint:
    """The case, locked for the rest of the transaction."""
    return Complaint.objects.select_for_update().select_related("covenant").get(pk=complaint_id)


def require_party(actor: Any, complaint: Complaint, *parties: Party) -> Party:
    """The actor's capacity in the case, or `Complaint.DoesNotExist` (shown as 404: nothing leaks)
    when it has none, or PermissionDenied when it takes part but may not do this."""
    party = party_of(actor, complaint)
    if party is None:
        raise Complaint.DoesNotExist
    if parties and party not in parties:
        raise PermissionDenied(_("You may not do this in this case."))
    return party


def require_secretariat(actor: Any) -> None:
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may do this."))


def active_users(**filters: Any) -> QuerySet[User]:
    return User.objects.filter(is_active=True, organisation__status=Organisation.Status.APPROVED, **filters)


def secretariat_users() -> QuerySet[User]:
    return active_users(organisation__kind=Role.SECRETARIAT)


def committee_users(complaint_id: int) -> QuerySet[User]:
    """The committee members assigned to the case (who did not decline)."""
    member_ids = ComplaintUserObjectPermission.objects.filter(
        content_object_id=complaint_id, permission__codename=HANDLE
    ).values("user_id")
    return active_users(pk__in=member_ids)


def respondent_users(complaint: Complaint) -> QuerySet[User]:
    return active_users(organisation__complaint_cases__complaint=complaint, organisation__kind=Role.COMPANY)


def filer_users(complaint: Complaint) -> QuerySet[User]:
    """The accounts of the organisation that filed the case (empty for a filing without account)."""
    filer = complaint.filed_by
    if filer is None or filer.organisation_id is None:
        return User.objects.none()
    return active_users(organisation_id=filer.organisation_id)


def case_params(complaint: Complaint) -> dict[str, Any]:
    return {"reference": complaint.reference, "covenant": covenant_name(complaint.covenant)}


def notify(recipients: Any, kind: str, complaint: Complaint, **params: Any) -> None:
    """Tell portal users about the case, by a registered kind (never with identity details)."""
    notification_enqueue(
        recipients=recipients,
        kind=kind,
        params={**case_params(complaint), **params},
        url=reverse("complaints:case", kwargs={"reference": complaint.reference}),
    )


def email_complainant(complaint: Complaint, subject: Any, body: Any, **params: Any) -> None:
    """An e-mail to the contact address the complainant gave (if any), in the language the case was
    filed in. It names the reference, never the receipt code."""
    identity = getattr(complaint, "identity", None)
    if identity is None or not identity.email or identity.erased_at:
        return
    with translation.override(complaint.language):
        values = {
            "reference": complaint.reference,
            "covenant": complaint.covenant.name,
            # Absolute: the e-mail is read outside the portal (the code itself is never in it).
            "link": f"{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('complaints:return')}",
            **params,
        }
        notification_enqueue_email(
            to_email=identity.email,
            subject=str(subject).format(**values),
            body=str(body).format(**values),
            kind="complaint.complainant",
        )
