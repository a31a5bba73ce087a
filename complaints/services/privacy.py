"""The complainant's personal data: every read logged, exported or erased on request, and the
retention rule (contact details erased, then the case anonymised) run by a periodic task."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record

from ..models import (
    ComplainantIdentity,
    Complaint,
    ComplaintSettings,
    Document,
    IdentityAccess,
    Message,
    Party,
)
from ..permissions import may_see_identity
from ._common import require_party, require_secretariat

ERASED_TEXT = "—"
IDENTITY_FIELDS = ("name", "organisation", "email", "phone")


def identity_read(*, actor: Any, complaint: Complaint, purpose: str) -> ComplainantIdentity | None:
    """The complainant's identity for someone entitled to it, with the read written to the access log;
    None when there is none to show. Complaint.DoesNotExist for someone without access to the case."""
    party = require_party(actor, complaint)
    if not may_see_identity(party, complaint):
        return None
    identity = ComplainantIdentity.objects.filter(complaint=complaint, erased_at__isnull=True).first()
    if identity is None:
        return None
    if getattr(actor, "is_authenticated", False) and party != Party.COMPLAINANT:
        IdentityAccess.objects.create(complaint=complaint, reader=actor, purpose=(purpose or "")[:200])
    return identity


def identity_export(*, actor: Any, complaint: Complaint) -> dict[str, Any]:
    """What the portal holds about the complainant of one case (a data subject's access request)."""
    require_secretariat(actor)
    identity = identity_read(actor=actor, complaint=complaint, purpose="export on request")
    messages = Message.objects.filter(complaint=complaint, party=Party.COMPLAINANT)
    documents = Document.objects.filter(complaint=complaint, party=Party.COMPLAINANT)
    audit_record(actor=actor, action="complaint.identity_exported", target=complaint)
    return {
        "reference": complaint.reference,
        "filed_at": complaint.created_at.isoformat(),
        "language": complaint.language,
        "identity": {field: getattr(identity, field) for field in IDENTITY_FIELDS} if identity else None,
        "identity_may_be_shared_with_the_company": complaint.share_identity,
        "on_behalf_of": complaint.on_behalf_of,
        "what_happened": complaint.what_happened,
        "outcome_sought": complaint.outcome_sought,
        "messages": [{"sent_at": m.created_at.isoformat(), "body": m.body} for m in messages],
        "documents": [
            {"added_at": d.created_at.isoformat(), "name": d.name, "size": d.size} for d in documents
        ],
    }


def _erase(identity: ComplainantIdentity, now: datetime) -> None:
    for field in IDENTITY_FIELDS:
        setattr(identity, field, "")
    identity.erased_at = now
    identity.save(update_fields=[*IDENTITY_FIELDS, "erased_at"])


@transaction.atomic
def identity_erase(*, actor: Any, complaint_id: int, reason: str) -> None:
    """Erase the complainant's contact details on request (the case itself goes on)."""
    require_secretariat(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record the request, e.g. its date and how it came in.")})
    identity = ComplainantIdentity.objects.select_for_update().filter(complaint_id=complaint_id).first()
    if identity is None or identity.erased_at is not None:
        raise ValidationError(_("There are no contact details to erase in this case."))
    _erase(identity, timezone.now())
    complaint = Complaint.objects.get(pk=complaint_id)
    audit_record(actor=actor, action="complaint.identity_erased", target=complaint, note=reason.strip()[:200])


def _anonymise(complaint: Complaint, now: datetime) -> None:
    for document in Document.objects.filter(complaint=complaint):
        document.file.delete(save=False)
    Document.objects.filter(complaint=complaint).delete()
    Message.objects.filter(complaint=complaint).update(body=ERASED_TEXT)
    complaint.what_happened, complaint.outcome_sought = ERASED_TEXT, ""
    complaint.on_behalf_of, complaint.happened_on, complaint.pause_reason = "", None, ""
    complaint.anonymised_at = now
    complaint.save(
        update_fields=[
            "what_happened",
            "outcome_sought",
            "on_behalf_of",
            "happened_on",
            "pause_reason",
            "anonymised_at",
        ]
    )


def retention_run(now: datetime | None = None) -> dict[str, int]:
    """Apply each covenant's retention rule to the cases that ended: contact details erased after
    `contact_retention_months`, the case anonymised after `anonymise_after_years`. Idempotent."""
    now = now or timezone.now()
    counts = {"erased": 0, "anonymised": 0}
    ended = Complaint.objects.filter(closed_at__isnull=False)
    covenant_ids = set(ended.values_list("covenant_id", flat=True))
    for covenant_id in covenant_ids:
        rule = ComplaintSettings.for_covenant(covenant_id)
        erase_before = now - timedelta(days=round(rule.contact_retention_months * 30.44))
        identities = ComplainantIdentity.objects.filter(
            complaint__covenant_id=covenant_id, complaint__closed_at__lt=erase_before, erased_at__isnull=True
        )
        for identity in identities.iterator():
            with transaction.atomic():
                _erase(identity, now)
            counts["erased"] += 1
        anonymise_before = now - timedelta(days=round(rule.anonymise_after_years * 365.25))
        cases = ended.filter(
            covenant_id=covenant_id, closed_at__lt=anonymise_before, anonymised_at__isnull=True
        )
        for complaint in cases.iterator():
            with transaction.atomic():
                _anonymise(complaint, now)
                remaining = ComplainantIdentity.objects.filter(
                    complaint=complaint, erased_at__isnull=True
                ).first()
                if remaining is not None:
                    _erase(remaining, now)
            counts["anonymised"] += 1
    return counts
