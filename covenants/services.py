"""The only writers of covenants, parties, governance, memberships and annual cycles.

Every function is `<entity>_<verb>(*, actor, ...)`, atomic, validated, audited, and writes its
notifications to the outbox in the same transaction. A status changes only here: the row is locked,
the move is checked against workflow.py, saved with `update_fields`, and recorded as an event.
Errors are ValidationErrors keyed by the form field they belong to, so pages show them at the field.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any

import magic
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm, remove_perm

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record
from portal.notifications.services import notification_enqueue

from . import workflow
from .hooks import pending_reviews
from .models import (
    PARTY_ROLE_KIND,
    STANDARD_RISK_THEMES,
    AnnualCycle,
    Covenant,
    Membership,
    MembershipEvent,
    Party,
    PartyRole,
    RiskTheme,
    SteeringGroupMeeting,
    SteeringGroupMember,
    bilingual,
    normalise_country_codes,
)

MAX_MINUTES_BYTES = 10 * 1024 * 1024
#: Minutes files we accept, by detected content type (never by the name's extension).
MINUTES_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}


# --- helpers ------------------------------------------------------------------------------------------


def _require_secretariat(actor: Any) -> None:
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may do this."))


def _users_of(organisation_ids: Iterable[int]) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id__in=list(organisation_ids),
        organisation__status=Organisation.Status.APPROVED,
        is_active=True,
    )


class _CovenantName:
    """Formats as the covenant's name in the language active when the notification is rendered."""

    def __init__(self, covenant: Covenant) -> None:
        self.nl, self.en = covenant.name_nl, covenant.name_en

    def __str__(self) -> str:
        return bilingual(self.nl, self.en)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _full_clean(instance: Any, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=True)


# --- covenants -------------------------------------------------------------------------------------

COVENANT_FIELDS = (
    "slug",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "sector",
    "signed_on",
    "starts_on",
    "ends_on",
    "secretariat",
    "complaint_time_frames",
)


def _check_secretariat_organisation(organisation: Organisation) -> None:
    if organisation.kind != Role.SECRETARIAT:
        raise ValidationError({"secretariat": _("Choose an organisation of the kind “secretariat”.")})


def _check_themes(covenant: Covenant, themes: Iterable[RiskTheme]) -> list[RiskTheme]:
    themes = list(themes)
    foreign = [t for t in themes if not t.is_standard and t.covenant_id != covenant.pk]
    if foreign:
        raise ValidationError({"themes": _("A covenant can only select the standard themes and its own.")})
    return themes


@transaction.atomic
def covenant_create(*, actor: User, themes: Iterable[RiskTheme] = (), **fields: Any) -> Covenant:
    """The secretariat records a new covenant; it starts "in negotiation"."""
    _require_secretariat(actor)
    unknown = set(fields) - set(COVENANT_FIELDS)
    if unknown:
        raise TypeError(f"unknown covenant fields: {sorted(unknown)}")
    covenant = Covenant(**fields)
    _check_secretariat_organisation(covenant.secretariat)
    _full_clean(covenant)
    covenant.save()
    covenant.themes.set(_check_themes(covenant, themes))
    audit_record(actor=actor, action="covenant.created", target=covenant)
    return covenant


@transaction.atomic
def covenant_update(
    *, actor: User, covenant_id: int, themes: Iterable[RiskTheme] | None = None, **fields: Any
) -> Covenant:
    """The secretariat edits a covenant's content, dates, settings and themes (not its status)."""
    _require_secretariat(actor)
    unknown = set(fields) - set(COVENANT_FIELDS)
    if unknown:
        raise TypeError(f"unknown covenant fields: {sorted(unknown)}")
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    for name, value in fields.items():
        setattr(covenant, name, value)
    _check_secretariat_organisation(covenant.secretariat)
    _full_clean(covenant)
    covenant.save(update_fields=[*fields, "updated_at"])
    if themes is not None:
        covenant.themes.set(_check_themes(covenant, themes))
    audit_record(actor=actor, action="covenant.updated", target=covenant, note=", ".join(sorted(fields)))
    return covenant


@transaction.atomic
def covenant_transition(*, actor: User, covenant_id: int, to: Covenant.Status, note: str = "") -> Covenant:
    """Activate a negotiated covenant or end an active one. An ended covenant takes no new members."""
    _require_secretariat(actor)
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    workflow.check_covenant(covenant.status, to)
    from_status = covenant.status
    covenant.status, covenant.status_changed_at = to, timezone.now()
    covenant.save(update_fields=["status", "status_changed_at", "updated_at"])
    audit_record(
        actor=actor, action=f"covenant.{to}", target=covenant, note=f"{from_status} -> {to}. {note}".strip()
    )
    return covenant


@transaction.atomic
def risk_theme_sync_standard() -> int:
    """Make sure the ten standard themes exist with their current names (idempotent). Returns the count."""
    for position, (code, name_nl, name_en) in enumerate(STANDARD_RISK_THEMES, start=1):
        RiskTheme.objects.update_or_create(
            code=code,
            covenant=None,
            defaults={"name_nl": name_nl, "name_en": name_en, "is_standard": True, "position": position * 10},
        )
    return len(STANDARD_RISK_THEMES)


@transaction.atomic
def risk_theme_add(*, actor: User, covenant_id: int, name_nl: str, name_en: str) -> RiskTheme:
    """A covenant adds a theme of its own to the shared list, and selects it."""
    _require_secretariat(actor)
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    name_nl, name_en = name_nl.strip(), name_en.strip()
    if not name_en:
        raise ValidationError({"name_en": _("Give the theme's English name.")})
    if not name_nl:
        raise ValidationError({"name_nl": _("Give the theme's Dutch name.")})
    code = slugify(name_en)[:80] or f"theme-{secrets.token_hex(3)}"
    clash = (
        RiskTheme.objects.filter(covenant=covenant, code=code).exists()
        or RiskTheme.objects.filter(covenant__isnull=True, name_en__iexact=name_en).exists()
    )
    if clash:
        raise ValidationError({"name_en": _("This covenant already has a theme with this name.")})
    theme = RiskTheme(code=code, name_nl=name_nl, name_en=name_en, is_standard=False, covenant=covenant)
    _full_clean(theme)
    theme.save()
    covenant.themes.add(theme)
    audit_record(actor=actor, action="covenant.theme_added", target=covenant, note=name_en)
    return theme


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
    if Party.objects.filter(covenant=covenant, organisation=organisation, left_on__isnull=True).exists():
        raise ValidationError({"organisation": _("This organisation is already a party to this covenant.")})
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
    if is_chair and covenant.steering_group.filter(is_chair=True, until__isnull=True).exists():
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
    """End a seat on the steering group; the person's own grant to see the meetings goes with it."""
    _require_secretariat(actor)
    member = SteeringGroupMember.objects.select_for_update().select_related("covenant").get(pk=member_id)
    if member.until is not None:
        raise ValidationError(_("This seat has already ended."))
    if until < member.since:
        raise ValidationError({"until": _("The end of the seat cannot be before its start.")})
    member.until = until
    member.save(update_fields=["until"])
    if (
        member.user_id is not None
        and not SteeringGroupMember.objects.filter(
            covenant=member.covenant, user_id=member.user_id, until__isnull=True
        ).exists()
    ):
        remove_perm("covenants.view_governance", member.user, member.covenant)
    audit_record(
        actor=actor, action="covenant.steering_member_ended", target=member.covenant, note=member.person_name
    )
    return member


def _store_minutes(meeting: SteeringGroupMeeting, upload: UploadedFile) -> None:
    """Check the file by its content and size, then store it under a generated name."""
    if upload.size is not None and upload.size > MAX_MINUTES_BYTES:
        raise ValidationError({"minutes": _("The minutes file is larger than 10 MB.")})
    head = upload.read(4096)
    upload.seek(0)
    detected = magic.from_buffer(head, mime=True)
    suffix = MINUTES_TYPES.get(detected)
    if suffix is None:
        raise ValidationError({"minutes": _("Upload the minutes as PDF, ODT, DOCX or plain text.")})
    original = PurePath(upload.name or "minutes").name
    meeting.minutes.save(f"{secrets.token_hex(16)}{suffix}", upload, save=False)
    meeting.minutes_name = (PurePath(original).stem[:150] or "minutes") + suffix


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    covenant_id: int,
    held_on: date,
    agenda: str,
    decisions: str = "",
    minutes: UploadedFile | None = None,
) -> SteeringGroupMeeting:
    """Record a steering-group meeting (visible to the covenant's parties, never to the public)."""
    _require_secretariat(actor)
    covenant = Covenant.objects.get(pk=covenant_id)
    meeting = SteeringGroupMeeting(
        covenant=covenant, held_on=held_on, agenda=agenda, decisions=decisions, created_by=actor
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
    minutes: UploadedFile | None = None,
) -> SteeringGroupMeeting:
    """Edit a meeting: typically add the minutes and decisions after it was held."""
    _require_secretariat(actor)
    meeting = SteeringGroupMeeting.objects.select_for_update().get(pk=meeting_id)
    meeting.held_on, meeting.agenda, meeting.decisions = held_on, agenda, decisions
    _full_clean(meeting, exclude=["minutes"])
    fields = ["held_on", "agenda", "decisions", "updated_at"]
    if minutes is not None:
        _store_minutes(meeting, minutes)
        fields += ["minutes", "minutes_name"]
    meeting.save(update_fields=fields)
    audit_record(actor=actor, action="covenant.meeting_updated", target=meeting)
    return meeting


# --- memberships -----------------------------------------------------------------------------------

APPLICATION_FIELDS = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "employees",
    "turnover_band",
    "sourcing_countries",
    "declaration_accepted",
)


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


def _notify_company(membership: Membership, kind: str, subject: Any, body: Any, **params: Any) -> None:
    notification_enqueue(
        recipients=_users_of([membership.company_id]),
        kind=kind,
        subject=subject,
        body=body,
        params={
            "company": membership.company.name,
            "covenant": _CovenantName(membership.covenant),
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
        declaration["sourcing_countries"] = normalise_country_codes(declaration["sourcing_countries"])
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
        subject=_("New membership application: {company} for {covenant}"),
        body=_("{company} applied to join {covenant}. Review the adherence declaration and decide."),
        params={"company": company.name, "covenant": _CovenantName(covenant)},
        url=_membership_url(membership),
    )
    _notify_company(
        membership,
        "membership.received",
        _("Your application for {covenant} has been received"),
        _("The secretariat will review the application of {company} and let you know its decision."),
    )
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
    if not Party.objects.filter(
        covenant=covenant, organisation_id=membership.company_id, left_on__isnull=True
    ).exists():
        Party.objects.create(
            covenant=covenant,
            organisation_id=membership.company_id,
            role=PartyRole.MEMBER_COMPANY,
            joined_on=joined_on,
        )
    _notify_company(
        membership,
        "membership.approved",
        _("{company} is now a member of {covenant}"),
        _("The secretariat approved the application. {note}"),
        note=note,
    )
    return membership


@transaction.atomic
def membership_reject(*, actor: User, membership_id: int, note: str) -> Membership:
    """The secretariat rejects an application, giving its reasons (required)."""
    membership = _locked_membership(membership_id)
    _check_decider(actor, membership)
    if not note.strip():
        raise ValidationError({"note": _("Give the reasons for the rejection.")})
    membership.decided_at, membership.decided_by, membership.decision_note = timezone.now(), actor, note
    _record_move(
        membership=membership,
        actor=actor,
        to=Membership.Status.REJECTED,
        note=note,
        extra_fields=["decided_at", "decided_by", "decision_note"],
    )
    _notify_company(
        membership,
        "membership.rejected",
        _("Your application for {covenant} was not approved"),
        _("Reasons given by the secretariat: {note}"),
        note=note,
    )
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
    _notify_company(
        membership,
        "membership.suspended",
        _("The membership of {company} in {covenant} has been suspended"),
        _("Reason given by the secretariat: {note}"),
        note=note,
    )
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
    _notify_company(
        membership,
        "membership.reinstated",
        _("The suspension of {company} in {covenant} has been lifted"),
        _("{company} is an active member again. {note}"),
        note=note,
    )
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
    Party.objects.filter(
        covenant_id=membership.covenant_id,
        organisation_id=membership.company_id,
        role=PartyRole.MEMBER_COMPANY,
        left_on__isnull=True,
    ).update(left_on=ended_on)
    _notify_company(
        membership,
        "membership.ended",
        _("The membership of {company} in {covenant} has ended"),
        _("Reason: {reason}. {note}"),
        reason=reason.label,
        note=note,
    )
    return membership


# --- annual cycles ---------------------------------------------------------------------------------

CYCLE_FIELDS = ("year", "starts_on", "ends_on", *AnnualCycle.DEADLINE_FIELDS)


def _cycle_url(cycle: AnnualCycle) -> str:
    return reverse("covenants:cycle-detail", kwargs={"pk": cycle.pk})


def _active_member_ids(covenant_id: int) -> list[int]:
    return list(
        Membership.objects.filter(covenant_id=covenant_id, status=Membership.Status.ACTIVE).values_list(
            "company_id", flat=True
        )
    )


@transaction.atomic
def cycle_create(*, actor: User, covenant_id: int, **fields: Any) -> AnnualCycle:
    """Plan a covenant's cycle for a year with its deadlines; it is opened separately."""
    _require_secretariat(actor)
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    if AnnualCycle.objects.filter(covenant=covenant, year=fields.get("year", 0)).exists():
        raise ValidationError({"year": _("This covenant already has a cycle for this year.")})
    cycle = AnnualCycle(covenant=covenant, **fields)
    _full_clean(cycle)
    cycle.save()
    audit_record(actor=actor, action="cycle.created", target=cycle)
    return cycle


@transaction.atomic
def cycle_update(*, actor: User, cycle_id: int, **fields: Any) -> AnnualCycle:
    """Change a cycle's period or deadlines while it is not closed."""
    _require_secretariat(actor)
    unknown = set(fields) - set(CYCLE_FIELDS) - {"year"}
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    cycle = AnnualCycle.objects.select_for_update().get(pk=cycle_id)
    if cycle.status == AnnualCycle.Status.CLOSED:
        raise ValidationError(_("A closed cycle can no longer be changed."))
    if (
        "year" in fields
        and fields["year"] != cycle.year
        and AnnualCycle.objects.filter(covenant_id=cycle.covenant_id, year=fields["year"]).exists()
    ):
        raise ValidationError({"year": _("This covenant already has a cycle for this year.")})
    for name, value in fields.items():
        setattr(cycle, name, value)
    _full_clean(cycle)
    cycle.save(update_fields=[*fields, "updated_at"])
    audit_record(actor=actor, action="cycle.updated", target=cycle)
    return cycle


@transaction.atomic
def cycle_open(*, actor: User, cycle_id: int) -> AnnualCycle:
    """Open a planned cycle; the covenant's active members are told their deadlines."""
    _require_secretariat(actor)
    cycle = AnnualCycle.objects.select_for_update(of=("self",)).select_related("covenant").get(pk=cycle_id)
    workflow.check_cycle(cycle.status, AnnualCycle.Status.OPEN)
    if AnnualCycle.objects.filter(covenant_id=cycle.covenant_id, status=AnnualCycle.Status.OPEN).exists():
        raise ValidationError(_("This covenant already has an open cycle. Close it first."))
    if cycle.covenant.status == Covenant.Status.ENDED:
        raise ValidationError(_("This covenant has ended; its cycles can no longer be opened."))
    cycle.status, cycle.opened_at, cycle.opened_by = AnnualCycle.Status.OPEN, timezone.now(), actor
    cycle.save(update_fields=["status", "opened_at", "opened_by", "updated_at"])
    audit_record(actor=actor, action="cycle.opened", target=cycle)
    notification_enqueue(
        recipients=_users_of(_active_member_ids(cycle.covenant_id)),
        kind="cycle.opened",
        subject=_("The {year} cycle of {covenant} is open"),
        body=_(
            "Submit your self-assessment by {self_assessment} and disclose your production locations by {locations}."
        ),
        params={
            "year": cycle.year,
            "covenant": _CovenantName(cycle.covenant),
            "self_assessment": cycle.self_assessment_due.isoformat(),
            "locations": cycle.locations_due.isoformat(),
        },
    )
    return cycle


@transaction.atomic
def cycle_close(*, actor: User, cycle_id: int, force: bool = False, reason: str = "") -> AnnualCycle:
    """Close an open cycle. While reviews are pending this is refused, unless forced with a reason."""
    _require_secretariat(actor)
    cycle = AnnualCycle.objects.select_for_update(of=("self",)).select_related("covenant").get(pk=cycle_id)
    workflow.check_cycle(cycle.status, AnnualCycle.Status.CLOSED)
    pending = pending_reviews(cycle)
    if pending and not force:
        raise ValidationError(
            _(
                "%(count)s review(s) are still pending for this cycle. Finish them first, "
                "or close the cycle anyway and give the reason."
            ),
            code="reviews_pending",
            params={"count": pending},
        )
    if pending and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for closing with reviews still pending.")})
    cycle.status, cycle.closed_at, cycle.closed_by = AnnualCycle.Status.CLOSED, timezone.now(), actor
    cycle.close_forced = bool(pending)
    cycle.close_reason = reason.strip() if pending else ""
    cycle.save(
        update_fields=["status", "closed_at", "closed_by", "close_forced", "close_reason", "updated_at"]
    )
    note = f"forced with {pending} review(s) pending: {cycle.close_reason}" if pending else ""
    audit_record(actor=actor, action="cycle.closed", target=cycle, note=note)
    return cycle


def cycle_send_deadline_reminders(*, within_days: int = 14, today: date | None = None) -> int:
    """Remind active members of open cycles whose self-assessment deadline is near. Once per cycle.

    Returns how many cycles were reminded. Safe to run as often as you like.
    """
    today = today or timezone.localdate()
    due = AnnualCycle.objects.filter(
        status=AnnualCycle.Status.OPEN,
        reminder_sent_at__isnull=True,
        self_assessment_due__gte=today,
        self_assessment_due__lte=today + timedelta(days=within_days),
    ).values_list("pk", flat=True)
    return sum(1 for cycle_id in list(due) if _cycle_remind(cycle_id=cycle_id, today=today))


@transaction.atomic
def _cycle_remind(*, cycle_id: int, today: date) -> bool:
    cycle = (
        AnnualCycle.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("covenant")
        .filter(pk=cycle_id, status=AnnualCycle.Status.OPEN, reminder_sent_at__isnull=True)
        .first()
    )
    if cycle is None:
        return False
    notification_enqueue(
        recipients=_users_of(_active_member_ids(cycle.covenant_id)),
        kind="cycle.deadline_reminder",
        subject=_("Reminder: the self-assessment for {covenant} is due on {date}"),
        body=_(
            "Submit your self-assessment for the {year} cycle of {covenant} by {date} ({days} days left)."
        ),
        params={
            "covenant": _CovenantName(cycle.covenant),
            "year": cycle.year,
            "date": cycle.self_assessment_due.isoformat(),
            "days": (cycle.self_assessment_due - today).days,
        },
    )
    cycle.reminder_sent_at = timezone.now()
    cycle.save(update_fields=["reminder_sent_at", "updated_at"])
    return True
