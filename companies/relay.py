"""Signals at production locations and their confidential relay: every write, as
`signal_<verb>(*, actor, ...)`, atomic and audited.

Which companies a signal went to is known to the secretariat and to each company for itself only;
the reporter learns the number of companies once it reaches the count threshold, never their names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant, RiskTheme
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record
from portal.notifications.kinds import per_language
from portal.notifications.services import notification_enqueue
from portal.uploads import checked_suffix, display_name, stored_name

from .models import LocationSignal, ProductionLocation, SignalRelay, SupplyLink

#: Who may report a signal.
REPORTER_ROLES = (Role.NGO, Role.TRADE_UNION, Role.SECRETARIAT)
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
#: Evidence types, recognised by the file's content (never by its name), with the stored suffix.
EVIDENCE_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}
#: The notification kind a linked company's users receive (registered in CompaniesConfig.ready).
RELAYED_KIND = "companies.signal_relayed"


def _require(actor: Any, *roles: Role) -> None:
    if role_of(actor) not in roles:
        raise PermissionDenied(_("You may not do this."))


def _store_evidence(signal: LocationSignal, upload: UploadedFile) -> None:
    """Check the file by its content and size, then store it under a generated name."""
    suffix = checked_suffix(
        upload,
        allowed=EVIDENCE_TYPES,
        max_bytes=MAX_EVIDENCE_BYTES,
        field="evidence",
        too_large=_("The evidence file is larger than 10 MB."),
        wrong_type=_("Upload the evidence as PDF, PNG or JPEG image, ODT, DOCX or plain text."),
    )
    signal.evidence.save(stored_name(suffix), upload, save=False)
    signal.evidence_name = display_name(upload, suffix, "evidence")


@transaction.atomic
def signal_report(
    *,
    actor: User,
    location_id: int,
    description: str,
    occurred_on: date,
    theme_id: int,
    evidence: UploadedFile | None = None,
) -> LocationSignal:
    """An NGO, a trade union or the secretariat reports a problem at a location."""
    _require(actor, *REPORTER_ROLES)
    location = ProductionLocation.objects.get(pk=location_id)
    signal = LocationSignal(
        location=location,
        reported_by=actor,
        reporter_organisation=actor.organisation,
        description=description.strip(),
        occurred_on=occurred_on,
        theme=RiskTheme.objects.get(pk=theme_id),
    )
    signal.full_clean(exclude=["evidence", "evidence_name"])
    if evidence is not None:
        _store_evidence(signal, evidence)
    signal.save()
    audit_record(actor=actor, action="location_signal.reported", target=signal)
    return signal


def linked_companies(location: ProductionLocation) -> list[Organisation]:
    """The companies with a supply link to the location in an active covenant (secretariat only)."""
    company_ids = (
        SupplyLink.objects.filter(location=location, covenant__status=Covenant.Status.ACTIVE)
        .values_list("company_id", flat=True)
        .distinct()
    )
    return list(Organisation.objects.filter(pk__in=company_ids, kind=Role.COMPANY).order_by("name"))


def linked_companies_by_location(location_ids: list[int]) -> dict[int, list[Organisation]]:
    """The linked companies of many locations in one query (for the secretariat's inbox)."""
    links = (
        SupplyLink.objects.filter(
            location_id__in=location_ids,
            covenant__status=Covenant.Status.ACTIVE,
            company__kind=Role.COMPANY,
        )
        .select_related("company")
        .order_by("company__name", "company_id")
    )
    result: dict[int, list[Organisation]] = {}
    for link in links:
        companies = result.setdefault(link.location_id, [])
        if link.company not in companies:
            companies.append(link.company)
    return result


@transaction.atomic
def signal_relay(*, actor: User, signal_id: int) -> LocationSignal:
    """The secretariat relays a signal to every linked company and notifies their users (outbox)."""
    _require(actor, Role.SECRETARIAT)
    signal = LocationSignal.objects.select_for_update().select_related("location").get(pk=signal_id)
    if signal.status == LocationSignal.Status.CLOSED:
        raise ValidationError(_("This signal is closed and can no longer be relayed."))
    already = set(signal.relays.values_list("company_id", flat=True))
    new = [company for company in linked_companies(signal.location) if company.pk not in already]
    if not new and not already:
        raise ValidationError(_("No member company sources at this location in an active covenant."))
    SignalRelay.objects.bulk_create([SignalRelay(signal=signal, company=company) for company in new])
    now = timezone.now()
    signal.status = LocationSignal.Status.RELAYED
    signal.relayed_at = signal.relayed_at or now
    signal.relayed_count = len(already) + len(new)
    signal.save(update_fields=["status", "relayed_at", "relayed_count"])
    location = signal.location
    recipients = User.objects.filter(organisation__in=[c.pk for c in new], is_active=True)
    notification_enqueue(
        recipients=recipients,
        kind=RELAYED_KIND,
        params={
            "location": f"{location.name} ({location.public_id})",
            "theme": per_language(nl=signal.theme.name_nl, en=signal.theme.name_en),
        },
        url=reverse("companies:company-signals"),
    )
    audit_record(actor=actor, action="location_signal.relayed", target=signal, note=f"{len(new)} new")
    return signal


@transaction.atomic
def signal_respond(*, actor: User, relay_id: int, response: str, follow_up: str = "") -> SignalRelay:
    """The linked company records its response and follow-up to a signal relayed to it."""
    _require(actor, Role.COMPANY)
    relay = SignalRelay.objects.select_for_update().select_related("signal").get(pk=relay_id)
    if relay.company_id != actor.organisation_id:
        raise SignalRelay.DoesNotExist
    if relay.signal.status == LocationSignal.Status.CLOSED:
        raise ValidationError(_("This signal is closed; a response can no longer be recorded."))
    if not response.strip():
        raise ValidationError({"response": _("Describe your response.")})
    relay.response, relay.follow_up = response.strip(), follow_up.strip()
    relay.responded_at = timezone.now()
    relay.full_clean(exclude=["signal", "company"])
    relay.save(update_fields=["response", "follow_up", "responded_at"])
    audit_record(actor=actor, action="signal_relay.responded", target=relay)
    return relay


@transaction.atomic
def signal_close(*, actor: User, signal_id: int) -> LocationSignal:
    """The secretariat closes a signal; no more relays or responses after that."""
    _require(actor, Role.SECRETARIAT)
    signal = LocationSignal.objects.select_for_update().get(pk=signal_id)
    if signal.status == LocationSignal.Status.CLOSED:
        raise ValidationError(_("This signal is already closed."))
    signal.status = LocationSignal.Status.CLOSED
    signal.closed_at = timezone.now()
    signal.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action="location_signal.closed", target=signal)
    return signal
