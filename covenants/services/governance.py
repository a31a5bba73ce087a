"""Parties, the steering group and its meetings."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm, remove_perm

from portal.accounts.models import Organisation, User
from portal.audit.services import audit_record
from portal.uploads import checked_suffix, display_name, stored_name

from ..models import (
    PARTY_ROLE_KIND,
    Covenant,
    Party,
    PartyRole,
    SteeringGroupMeeting,
    SteeringGroupMember,
)
from ._common import _full_clean, _require_secretariat

MAX_MINUTES_BYTES = 10 * 1024 * 1024
#: Minutes files we accept, by detected content type (never by the name's extension).
MINUTES_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}


# --- parties and governance ------------------------------------------------------------------------


@transaction.atomic
def party_add(
    *, actor: User, covenant_id: int, organisation: Organisation, role: PartyRole | str, joined_on: date
) -> Party:
    """Record an organisation that signed the covenant (member companies join through a membership)."""
    _require_secretariat(actor)
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    role = PartyRole(role)
    if role == PartyRole.MEMBER_COMPANY:
        raise ValidationError(
            {"role": _("Companies join through a membership application; approve it to make them a party.")}
        )
    if organisation.kind != PARTY_ROLE_KIND[role]:
        raise ValidationError(
            {"organisation": _("This organisation is not of the kind this party role needs (%(kind)s).")},
            params={"kind": PARTY_ROLE_KIND[role].label},
        )
    # A row that ends on a future date is still current: adding the organisation again before that
    # date would give two current rows for one organisation.
    overlapping = (
        Party.objects.current(on=joined_on)
        .filter(covenant=covenant, organisation=organisation)
        .order_by(F("left_on").desc(nulls_first=True))
        .first()
    )
    if overlapping is not None and overlapping.left_on is None:
        raise ValidationError({"organisation": _("This organisation is already a party to this covenant.")})
    if overlapping is not None and overlapping.left_on is not None:
        raise ValidationError(
            {
                "joined_on": ValidationError(
                    _("This organisation is a party until %(date)s. Add it again from a later date."),
                    params={"date": formats.date_format(overlapping.left_on)},
                )
            }
        )
    party = Party(covenant=covenant, organisation=organisation, role=role, joined_on=joined_on)
    _full_clean(party)
    party.save()
    audit_record(actor=actor, action="covenant.party_added", target=covenant, note=str(party))
    return party


@transaction.atomic
def party_end(*, actor: User, party_id: int, left_on: date) -> Party:
    """A party leaves the covenant on a date. The row stays as history."""
    _require_secretariat(actor)
    party = Party.objects.select_for_update().select_related("organisation").get(pk=party_id)
    if party.role == PartyRole.MEMBER_COMPANY:
        raise ValidationError(_("A member company leaves by ending its membership."))
    if party.left_on is not None:
        raise ValidationError(_("This party has already left the covenant."))
    if left_on < party.joined_on:
        raise ValidationError({"left_on": _("The date of leaving cannot be before the date of joining.")})
    party.left_on = left_on
    party.save(update_fields=["left_on"])
    audit_record(actor=actor, action="covenant.party_ended", target=party.covenant, note=str(party))
    return party


@transaction.atomic
def steering_member_add(
    *,
    actor: User,
    covenant_id: int,
    person_name: str,
    represents: str,
    since: date,
    is_chair: bool = False,
    organisation: Organisation | None = None,
    user: User | None = None,
) -> SteeringGroupMember:
    """Seat someone on the steering group; a member with an account may see its meetings."""
    _require_secretariat(actor)
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    if is_chair and covenant.steering_group.current(on=since).filter(is_chair=True).exists():
        raise ValidationError({"is_chair": _("The steering group already has a chair. End that seat first.")})
    member = SteeringGroupMember(
        covenant=covenant,
        person_name=person_name.strip(),
        represents=represents,
        since=since,
        is_chair=is_chair,
        organisation=organisation,
        user=user,
    )
    _full_clean(member)
    member.save()
    if user is not None:
        assign_perm("covenants.view_governance", user, covenant)
    audit_record(
        actor=actor, action="covenant.steering_member_added", target=covenant, note=member.person_name
    )
    return member


@transaction.atomic
def steering_member_end(*, actor: User, member_id: int, until: date) -> SteeringGroupMember:
    """End a seat on the steering group on a date (today, past or future).

    The holder keeps seeing the meetings until that date: the access query checks the seat's dates.
    The guardian grant is removed now when the seat has already ended and the person holds no other
    current seat; otherwise `steering_grants_expire` (daily) removes it once the date has passed.
    """
    _require_secretariat(actor)
    member = SteeringGroupMember.objects.select_for_update().select_related("covenant").get(pk=member_id)
    if member.until is not None:
        raise ValidationError(_("This seat has already ended."))
    if until < member.since:
        raise ValidationError({"until": _("The end of the seat cannot be before its start.")})
    member.until = until
    member.save(update_fields=["until"])
    if member.user_id is not None and until < timezone.localdate():
        _remove_grant_without_seat(member.covenant, member.user_id)
    audit_record(
        actor=actor, action="covenant.steering_member_ended", target=member.covenant, note=member.person_name
    )
    return member


def _remove_grant_without_seat(covenant: Covenant, user_id: int) -> bool:
    if SteeringGroupMember.objects.current().filter(covenant=covenant, user_id=user_id).exists():
        return False
    user = User.objects.get(pk=user_id)
    remove_perm("covenants.view_governance", user, covenant)
    return True


def steering_grants_expire() -> int:
    """Remove the meeting grants of people whose seats have all ended (run daily; idempotent)."""
    from ..models import CovenantUserObjectPermission

    removed = 0
    grants = CovenantUserObjectPermission.objects.filter(permission__codename="view_governance")
    for covenant_id, user_id in grants.values_list("content_object_id", "user_id").distinct():
        with transaction.atomic():
            covenant = Covenant.objects.get(pk=covenant_id)
            removed += _remove_grant_without_seat(covenant, user_id)
    return removed


def _store_minutes(meeting: SteeringGroupMeeting, upload: UploadedFile) -> None:
    """Check the file by its content and size, then store it under a generated name."""
    suffix = checked_suffix(
        upload,
        allowed=MINUTES_TYPES,
        max_bytes=MAX_MINUTES_BYTES,
        field="minutes",
        too_large=_("The minutes file is larger than 10 MB."),
        wrong_type=_("Upload the minutes as PDF, ODT, DOCX or plain text."),
    )
    meeting.minutes.save(stored_name(suffix), upload, save=False)
    meeting.minutes_name = display_name(upload, suffix, "minutes")


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    covenant_id: int,
    held_on: date,
    agenda: str,
    decisions: str = "",
    agenda_en: str = "",
    decisions_en: str = "",
    minutes: UploadedFile | None = None,
) -> SteeringGroupMeeting:
    """Record a steering-group meeting (visible to the covenant's parties, never to the public)."""
    _require_secretariat(actor)
    covenant = Covenant.objects.get(pk=covenant_id)
    meeting = SteeringGroupMeeting(
        covenant=covenant,
        held_on=held_on,
        agenda=agenda,
        decisions=decisions,
        agenda_en=agenda_en,
        decisions_en=decisions_en,
        created_by=actor,
    )
    _full_clean(meeting, exclude=["minutes"])
    if minutes is not None:
        _store_minutes(meeting, minutes)
    meeting.save()
    audit_record(actor=actor, action="covenant.meeting_created", target=meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting_id: int,
    held_on: date,
    agenda: str,
    decisions: str = "",
    agenda_en: str = "",
    decisions_en: str = "",
    minutes: UploadedFile | None = None,
) -> SteeringGroupMeeting:
    """Edit a meeting: typically add the minutes and decisions after it was held."""
    _require_secretariat(actor)
    meeting = SteeringGroupMeeting.objects.select_for_update().get(pk=meeting_id)
    meeting.held_on, meeting.agenda, meeting.decisions = held_on, agenda, decisions
    meeting.agenda_en, meeting.decisions_en = agenda_en, decisions_en
    _full_clean(meeting, exclude=["minutes"])
    fields = ["held_on", "agenda", "decisions", "agenda_en", "decisions_en", "updated_at"]
    if minutes is not None:
        _store_minutes(meeting, minutes)
        fields += ["minutes", "minutes_name"]
    meeting.save(update_fields=fields)
    audit_record(actor=actor, action="covenant.meeting_updated", target=meeting)
    return meeting
