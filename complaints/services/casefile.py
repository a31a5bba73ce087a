"""The case file: messages and documents (each with who may read it), the routing of a location
complaint to the linked members, the hearing, and the company's follow-up reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from companies.models import SupplyLink
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.audit.services import audit_record
from portal.uploads import display_name, stored_name

from ..models import Document, FollowUpReport, Message, Party, Respondent, Visibility
from ..models.case import TEXT_MAX, Complaint
from ..scrub import scrubbed
from ..status import CaseStatus, is_open
from ..uploads import CONTENT_TYPES, check_documents
from ._common import (
    committee_users,
    email_complainant,
    filer_users,
    locked,
    notify,
    require_party,
    require_secretariat,
    respondent_users,
    secretariat_users,
)

STAFF = (Party.SECRETARIAT, Party.COMMITTEE)


def store_documents(complaint: Complaint, uploads: list[Any], *, party: str, uploader: Any,
                    visibility: str = Visibility.PARTIES) -> list[Document]:  # fmt: skip
    """Check each file by its content and store it under a generated name (all or none)."""
    documents = []
    for original, suffix in check_documents(list(uploads)):
        # What the complainant's files say about their author or place never reaches the company.
        upload = scrubbed(original, suffix) if party == Party.COMPLAINANT else original
        document = Document(
            complaint=complaint,
            uploaded_by=uploader if getattr(uploader, "is_authenticated", False) else None,
            party=party,
            visibility=visibility,
            name=display_name(original, suffix, "document"),
            content_type=CONTENT_TYPES[suffix],
            size=upload.size,
        )
        document.file.save(stored_name(suffix), upload, save=False)
        document.save()
        documents.append(document)
    return documents


def _tell_parties(complaint: Complaint, author: Party, visibility: str) -> None:
    """A new message or document: the other side(s) that may read it are told (never its content)."""
    readers = {Party.SECRETARIAT, Party.COMMITTEE}
    if visibility == Visibility.PARTIES:
        readers |= {Party.COMPLAINANT, Party.RESPONDENT}
    readers.discard(author)
    if Party.SECRETARIAT in readers:
        notify(secretariat_users(), "complaint.message", complaint)
    if Party.COMMITTEE in readers:
        notify(committee_users(complaint.pk), "complaint.message", complaint)
    if Party.RESPONDENT in readers and complaint.admitted_at is not None:
        notify(respondent_users(complaint), "complaint.message", complaint)
    if Party.COMPLAINANT in readers:
        notify(filer_users(complaint), "complaint.message", complaint)
        email_complainant(
            complaint,
            _("New message in your complaint {reference}"),
            _("There is a new message in your complaint {reference}. Read it and answer at {link}."),
        )


@transaction.atomic
def message_post(*, actor: Any, complaint_id: int, body: str, visibility: str = Visibility.PARTIES,
                 attachments: list[Any] | None = None) -> Message:  # fmt: skip
    """A message in the case. Only the committee and the secretariat write internal notes; the
    complainant and the company always write to all parties."""
    complaint = locked(complaint_id)
    party = require_party(actor, complaint)
    if complaint.anonymised_at is not None:
        raise ValidationError(_("This case has been anonymised; nothing more can be added."))
    if visibility not in Visibility.values or (visibility == Visibility.INTERNAL and party not in STAFF):
        raise PermissionDenied(_("You may not write internal notes."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your message.")})
    if len(body) > TEXT_MAX:
        raise ValidationError(
            {
                "body": _("Keep this under %(limit)s characters; add a document for more.")
                % {"limit": TEXT_MAX}
            }
        )
    author = actor if getattr(actor, "is_authenticated", False) else None
    message = Message.objects.create(
        complaint=complaint, author=author, party=party, visibility=visibility, body=body
    )
    store_documents(complaint, attachments or [], party=party, uploader=actor, visibility=visibility)
    audit_record(actor=actor, action="complaint.message", target=complaint, note=f"{party}/{visibility}")
    _tell_parties(complaint, party, visibility)
    return message


@transaction.atomic
def document_add(*, actor: Any, complaint_id: int, uploads: list[Any],
                 visibility: str = Visibility.PARTIES) -> list[Document]:  # fmt: skip
    complaint = locked(complaint_id)
    party = require_party(actor, complaint)
    if complaint.anonymised_at is not None:
        raise ValidationError(_("This case has been anonymised; nothing more can be added."))
    if visibility == Visibility.INTERNAL and party not in STAFF:
        raise PermissionDenied(_("You may not add internal documents."))
    if not uploads:
        raise ValidationError({"attachments": _("Choose a file to add.")})
    documents = store_documents(complaint, uploads, party=party, uploader=actor, visibility=visibility)
    audit_record(actor=actor, action="complaint.document", target=complaint, note=str(len(documents)))
    _tell_parties(complaint, party, visibility)
    return documents


@transaction.atomic
def respondents_route(*, actor: Any, complaint_id: int, company_ids: list[int]) -> list[Respondent]:
    """The secretariat puts a location complaint to member companies linked to that location."""
    require_secretariat(actor)
    complaint = locked(complaint_id)
    if not is_open(complaint.status):
        raise ValidationError(_("This case has ended."))
    if not company_ids:
        raise ValidationError({"companies": _("Choose at least one company.")})
    members = Organisation.objects.filter(
        pk__in=company_ids, kind=Role.COMPANY, memberships__covenant_id=complaint.covenant_id
    ).distinct()
    if complaint.location_id is not None:
        members = members.filter(
            pk__in=SupplyLink.objects.filter(location_id=complaint.location_id).values("company_id")
        )
    found = list(members)
    if len(found) != len(set(company_ids)):
        raise ValidationError({"companies": _("Choose member companies linked to this location.")})
    routed = []
    for company in found:
        respondent, created = Respondent.objects.get_or_create(
            complaint=complaint, company=company, defaults={"routed_by": actor}
        )
        if created:
            routed.append(respondent)
    audit_record(actor=actor, action="complaint.routed", target=complaint, note=str(len(routed)))
    if complaint.admitted_at is not None and routed:
        notify(respondent_users(complaint).filter(organisation__in=[r.company for r in routed]),
               "complaint.admitted", complaint)  # fmt: skip
    return routed


@transaction.atomic
def hearing_set(*, actor: Any, complaint_id: int, at: datetime, place: str) -> Complaint:
    complaint = locked(complaint_id)
    require_party(actor, complaint, *STAFF)
    if complaint.status not in (CaseStatus.REPLY, CaseStatus.MEDIATION, CaseStatus.HEARING):
        raise ValidationError(_("A hearing is planned after the respondent's reply."))
    place = (place or "").strip()
    if not place:
        raise ValidationError({"place": _("Say where the hearing takes place (or how to join it).")})
    complaint.hearing_at, complaint.hearing_place = at, place[:300]
    complaint.save(update_fields=["hearing_at", "hearing_place"])
    audit_record(actor=actor, action="complaint.hearing", target=complaint)
    for recipients in (respondent_users(complaint), filer_users(complaint)):
        notify(recipients, "complaint.hearing", complaint)
    email_complainant(
        complaint,
        _("A hearing is planned in your complaint {reference}"),
        _("The complaints committee has planned a hearing in your complaint {reference}. See {link}."),
    )
    return complaint


@transaction.atomic
def follow_up_report_add(*, actor: Any, complaint_id: int, body: str) -> FollowUpReport:
    """A respondent reports on its compliance with the ruling's recommendations."""
    complaint = locked(complaint_id)
    require_party(actor, complaint, Party.RESPONDENT)
    if complaint.status != CaseStatus.FOLLOW_UP:
        raise ValidationError(_("Follow-up reports are written while compliance is being followed up."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Describe what your company has done.")})
    if len(body) > TEXT_MAX:
        raise ValidationError({"body": _("Keep this under %(limit)s characters.") % {"limit": TEXT_MAX}})
    report = FollowUpReport.objects.create(
        complaint=complaint, company_id=actor.organisation_id, body=body, submitted_by=actor
    )
    audit_record(actor=actor, action="complaint.follow_up", target=complaint)
    notify(secretariat_users(), "complaint.follow_up", complaint)
    notify(committee_users(complaint.pk), "complaint.follow_up", complaint)
    return report
