"""What the due-diligence services share: who may act, and for which company."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from companies.relay import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role, role_of
from portal.uploads import checked_suffix, display_name, stored_name


def company_users(organisation_ids: Iterable[int]) -> QuerySet[User]:
    """The active accounts of approved companies, to notify."""
    return User.objects.filter(
        organisation_id__in=list(organisation_ids),
        organisation__status=Organisation.Status.APPROVED,
        is_active=True,
    )


def secretariat_users() -> QuerySet[User]:
    return User.objects.filter(
        organisation__kind=Role.SECRETARIAT, organisation__status=Organisation.Status.APPROVED, is_active=True
    )


def require_secretariat(actor: Any) -> None:
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may do this."))


def require_company(actor: Any) -> int:
    """The actor's company id; PermissionDenied for anyone who does not act for a company."""
    if role_of(actor) != Role.COMPANY or not getattr(actor, "organisation_id", None):
        raise PermissionDenied(_("Only member companies may do this."))
    return int(actor.organisation_id)


def attach_evidence(instance: Any, upload: Any) -> None:
    """Check an evidence file by its content and put it on `instance` (fields `evidence` and
    `evidence_name`) under a generated name; a ValidationError at "evidence" when it is refused."""
    suffix = checked_suffix(
        upload,
        allowed=EVIDENCE_TYPES,
        max_bytes=MAX_EVIDENCE_BYTES,
        field="evidence",
        too_large=_("The evidence file is larger than 10 MB."),
        wrong_type=_("Upload the evidence as PDF, PNG or JPEG image, ODT, DOCX or plain text."),
    )
    instance.evidence.save(stored_name(suffix), upload, save=False)
    instance.evidence_name = display_name(upload, suffix, "evidence")
