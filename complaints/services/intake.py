"""Filing a complaint: stored first, then everything else.

One transaction stores the case, its reference, the complainant's identity (apart), the attachments,
the first recorded move and the clock of the intake stage, and writes the notifications to the outbox.
Mail, Redis and the worker come after the commit, so none of them can lose a complaint. A retried or
double-clicked POST carries the same one-time form token and gets the same case (and, for an hour,
the same receipt code, which is derived from that token and never stored).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from companies.models import ProductionLocation
from covenants.models import Covenant, Membership, RiskTheme
from portal.accounts.models import Organisation
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record

from .. import receipt
from ..models import ComplainantIdentity, Complaint, ComplaintEvent, Party, Respondent
from ..models.case import TEXT_MAX
from ..references import next_reference
from ..status import CaseStatus
from . import stages
from ._common import email_complainant, filer_users, notify, secretariat_users
from .casefile import store_documents

#: How long a retried POST still shows the receipt code again.
CODE_SHOWN_AGAIN_FOR = timedelta(hours=1)
IDENTITY_FIELDS = ("name", "organisation", "email", "phone")
#: Memberships whose company can be complained about (also a suspended or ended one: the conduct may
#: date from its membership).
RESPONDENT_STATUSES = (Membership.Status.ACTIVE, Membership.Status.SUSPENDED, Membership.Status.ENDED)


@dataclass(frozen=True)
class Filed:
    complaint: Complaint
    #: The receipt code to show (once) to a complainant without an account; None otherwise.
    receipt_code: str | None
    #: False when this was a retried POST of a complaint already filed.
    created: bool


def _check_subject(
    covenant: Covenant, company: Organisation | None, location: ProductionLocation | None
) -> None:
    if company is None and location is None:
        raise ValidationError({"company": _("Choose the company, or the production location, it is about.")})
    if (
        company is not None
        and not Membership.objects.filter(
            covenant=covenant, company=company, status__in=RESPONDENT_STATUSES
        ).exists()
    ):
        raise ValidationError({"company": _("This company is not a member of the covenant you chose.")})


def _check_themes(covenant: Covenant, themes: list[RiskTheme]) -> None:
    if not themes:
        return
    ids = {theme.pk for theme in themes}
    allowed = RiskTheme.objects.filter(Q(covenant__isnull=True) | Q(covenant=covenant), pk__in=ids).count()
    if allowed != len(ids):
        raise ValidationError({"themes": _("Choose themes of the covenant you chose.")})


def _check_choices(kind: str, channel: str, filer: str, country: str, language: str) -> None:
    """The fields a form or the API could get wrong, checked without a model-wide clean."""
    errors: dict[str, Any] = {}
    if kind not in Complaint.Kind.values:
        errors["kind"] = _("Choose the kind of case.")
    if channel not in Complaint.Channel.values:
        errors["channel"] = _("Choose how the complaint was received.")
    if filer not in Complaint.Filer.values:
        errors["filer"] = _("Say who files the complaint.")
    if country and country not in countries:
        errors["country"] = _("Choose a country from the list.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose one of the portal's languages.")
    if errors:
        raise ValidationError(errors)


#: The earliest date a complaint can say it happened on.
EARLIEST = date(1950, 1, 1)


def check_happened_on(value: date | None) -> None:
    """Not in the future, not before `EARLIEST` (the form and the API go through here)."""
    if value is not None and value > timezone.localdate():
        raise ValidationError({"happened_on": _("The date cannot lie in the future.")})
    if value is not None and value < EARLIEST:
        raise ValidationError(
            {"happened_on": _("Give a date after %(date)s.") % {"date": EARLIEST.strftime("%d-%m-%Y")}}
        )


#: The short fields and their lengths (the form and the API check them too).
SHORT_FIELDS = {"on_behalf_of": 300, "name": 200, "organisation": 200, "email": 254, "phone": 40}


def _check_text(data: dict[str, Any]) -> None:
    for field, limit in SHORT_FIELDS.items():
        if len(data.get(field) or "") > limit:
            raise ValidationError({field: _("Keep this under %(limit)s characters.") % {"limit": limit}})
    for field in ("what_happened", "outcome_sought"):
        if len(data.get(field) or "") > TEXT_MAX:
            raise ValidationError(
                {
                    field: _("Keep this under %(limit)s characters; add a document for more.")
                    % {"limit": TEXT_MAX}
                }
            )
    if not (data.get("what_happened") or "").strip():
        raise ValidationError({"what_happened": _("Tell us what happened.")})


def _existing(token_digest: str, token: str) -> Filed | None:
    complaint = Complaint.objects.filter(submission_token=token_digest).first()
    if complaint is None:
        return None
    code = None
    if complaint.receipt_digest and timezone.now() - complaint.created_at < CODE_SHOWN_AGAIN_FOR:
        code = receipt.from_token(token)
    return Filed(complaint=complaint, receipt_code=code, created=False)


def complaint_file(
    *,
    actor: Any,
    token: str,
    covenant: Covenant,
    filer: str,
    what_happened: str,
    language: str,
    kind: str = Complaint.Kind.COMPLAINT,
    channel: str = Complaint.Channel.WEB,
    company: Organisation | None = None,
    location: ProductionLocation | None = None,
    themes: list[RiskTheme] | None = None,
    attachments: list[Any] | None = None,
    anonymous: bool = False,
    share_identity: bool = False,
    **fields: Any,
) -> Filed:
    """File a complaint (or, for the secretariat, a dispute or a complaint received by phone, post or
    e-mail on the complainant's behalf). `fields` holds the remaining case fields and the identity."""
    role = role_of(actor)
    on_paper = channel != Complaint.Channel.WEB or kind == Complaint.Kind.DISPUTE
    if on_paper and role != Role.SECRETARIAT:
        raise ValidationError(_("Only the secretariat registers disputes and complaints received otherwise."))
    if not token or len(token) > 200:
        raise ValidationError(_("The form has expired. Reload the page and send it again."), code="token")
    token_digest = receipt.token_digest(token)
    themes = list(themes or [])
    data = {**fields, "what_happened": what_happened}
    _check_choices(kind, channel, filer, str(fields.get("country") or ""), language)
    _check_subject(covenant, company, location)
    _check_themes(covenant, themes)
    _check_text(data)
    check_happened_on(fields.get("happened_on"))
    identity = {name: (fields.pop(name, "") or "").strip() for name in IDENTITY_FIELDS}
    if anonymous:
        identity = dict.fromkeys(IDENTITY_FIELDS, "")
        share_identity = False
    # An account files in its own name; anyone else (also the secretariat, for someone) gets a code.
    files_in_account = role in (Role.NGO, Role.TRADE_UNION) and not on_paper
    if files_in_account:  # the account knows who files; "anonymous" then means: not shared
        anonymous, share_identity = False, share_identity and not anonymous
    code = None if files_in_account else receipt.from_token(token)
    try:
        with transaction.atomic():
            complaint = Complaint(
                reference=next_reference(covenant),
                kind=kind,
                covenant=covenant,
                language=language,
                channel=channel,
                filer=filer,
                company=company,
                location=location,
                what_happened=what_happened,
                anonymous=anonymous,
                share_identity=share_identity,
                receipt_digest=receipt.digest(code) if code else "",
                filed_by=actor if files_in_account else None,
                submission_token=token_digest,
                **{
                    k: v
                    for k, v in fields.items()
                    if k in ("on_behalf_of", "country", "happened_on", "outcome_sought")
                },
            )
            # Every field was checked above (a model-wide clean would look each foreign key up again).
            complaint.save(force_insert=True)
            Complaint.themes.through.objects.bulk_create(
                [
                    Complaint.themes.through(complaint_id=complaint.pk, risktheme_id=theme.pk)
                    for theme in themes
                ]
            )
            if any(identity.values()):
                ComplainantIdentity.objects.create(complaint=complaint, **identity)
            if company is not None:
                Respondent.objects.create(complaint=complaint, company=company)
            registrar = actor if role == Role.SECRETARIAT else None
            ComplaintEvent.objects.create(
                complaint=complaint,
                actor=registrar or (actor if files_in_account else None),
                actor_kind="" if (registrar or files_in_account) else Party.COMPLAINANT,
                to_status=CaseStatus.RECEIVED,
                reason=complaint.get_channel_display() if on_paper else "",
            )
            stages.enter(complaint, CaseStatus.RECEIVED, complaint.created_at, fresh=True)
            store_documents(complaint, attachments or [], party=Party.COMPLAINANT, uploader=actor)
            audit_record(actor=actor, action="complaint.filed", target=complaint, note=complaint.reference)
            notify(secretariat_users(), "complaint.received", complaint)
            notify(filer_users(complaint), "complaint.filed", complaint)
            email_complainant(
                complaint,
                _("Your complaint has been received: {reference}"),
                _(
                    "We have received your complaint to the complaints committee of {covenant}. Its "
                    "reference is {reference}. The secretariat confirms within a week that it is being "
                    "handled and tells you what happens next. Follow your case at {link}."
                ),
            )
    except IntegrityError:
        # The same form sent again (a double click, a retried POST): it is stored once. No look-up
        # before the insert: the unique token decides, also for two requests at the same moment.
        existing = _existing(token_digest, token)
        if existing is None:
            raise
        return existing
    return Filed(complaint=complaint, receipt_code=code, created=True)
