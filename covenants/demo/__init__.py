"""Demo covenants modelled on the real sector agreements. Every name says "(demo)"; dates are plausible.

Idempotent: rows are looked up by natural keys, so running seed_demo twice gives the same data. The
demo history (who joined when, an ended membership) lies in the past, so it is written as rows with
their own dates instead of being replayed through the services, which stamp the current time.
Runs after portal.core's demo (INSTALLED_APPS order), whose organisations and accounts it uses.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role

from ..models import (
    AnnualCycle,
    Covenant,
    Membership,
    MembershipEvent,
    Party,
    PartyRole,
    RiskTheme,
    SteeringGroupMeeting,
    SteeringGroupMember,
)
from ..services import risk_theme_sync_standard
from .data import (
    ASSOCIATION,
    COMPANY_2,
    COVENANTS,
    DECLARATION,
    EXTRA_COMPANIES,
    GOVERNMENT,
    NGO,
    SECRETARIAT,
    SECRETARIAT_CONTACT,
    SECRETARIAT_EMAIL,
    UNION,
    DemoCovenant,
    demo_meetings,
)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _org(name: str, kind: Role) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "status": Organisation.Status.APPROVED}
    )
    return organisation


def _covenant(spec: DemoCovenant, secretariat: Organisation) -> Covenant:
    covenant, _created = Covenant.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "sector": spec.sector,
            "name_nl": spec.name_nl,
            "name_en": spec.name_en,
            "description_nl": spec.purpose_nl,
            "description_en": spec.purpose_en,
            "signed_on": spec.signed_on,
            "starts_on": spec.signed_on,
            "ends_on": spec.ends_on,
            "status": spec.status,
            "secretariat": secretariat,
            **SECRETARIAT_CONTACT,
        },
    )
    themes = list(RiskTheme.objects.filter(is_standard=True, code__in=spec.themes))
    if spec.own_theme:
        code, name_nl, name_en = spec.own_theme
        own, _created = RiskTheme.objects.update_or_create(
            covenant=covenant,
            code=code,
            defaults={"name_nl": name_nl, "name_en": name_en, "is_standard": False},
        )
        themes.append(own)
    covenant.themes.set(themes)
    return covenant


def _member(
    covenant: Covenant,
    company: Organisation,
    joined_on: date,
    secretariat_user: User | None,
    *,
    ended: tuple[date, Membership.EndReason, str] | None = None,
) -> Membership | None:
    """An active (or, with `ended`, an ended) membership with its history, unless one already exists."""
    status = Membership.Status.ENDED if ended else Membership.Status.ACTIVE
    lookup = Membership.objects.filter(covenant=covenant, company=company)
    if ended:
        if lookup.filter(status=Membership.Status.ENDED).exists():
            return None
    elif lookup.filter(status__in=Membership.OPEN_STATUSES).exists():
        return None
    applied = _aware(joined_on) - timedelta(days=21)
    membership = Membership.objects.create(
        covenant=covenant,
        company=company,
        status=status,
        contact_name="Demo contact",
        contact_email=f"contact@{company.pk}.demo.example",
        applied_at=applied,
        decided_at=_aware(joined_on),
        decided_by=secretariat_user,
        joined_on=joined_on,
        ended_on=ended[0] if ended else None,
        end_reason=ended[1] if ended else "",
        status_changed_at=_aware(ended[0] if ended else joined_on),
        **DECLARATION,
    )
    MembershipEvent.objects.create(
        membership=membership,
        created_at=applied,
        to_status=Membership.Status.APPLIED,
        effective_on=applied.date(),
    )
    MembershipEvent.objects.create(
        membership=membership,
        actor=secretariat_user,
        created_at=_aware(joined_on),
        from_status=Membership.Status.APPLIED,
        to_status=Membership.Status.ACTIVE,
        effective_on=joined_on,
    )
    Party.objects.get_or_create(
        covenant=covenant,
        organisation=company,
        role=PartyRole.MEMBER_COMPANY,
        joined_on=joined_on,
        defaults={"left_on": ended[0] if ended else None},
    )
    if ended:
        MembershipEvent.objects.create(
            membership=membership,
            actor=secretariat_user,
            created_at=_aware(ended[0]),
            from_status=Membership.Status.ACTIVE,
            to_status=Membership.Status.ENDED,
            effective_on=ended[0],
            note=ended[2],
        )
    return membership


def seed(*, password: str, log: Any) -> None:
    risk_theme_sync_standard()
    secretariat = _org(SECRETARIAT, Role.SECRETARIAT)
    secretariat_user = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    _org(ASSOCIATION, Role.INDUSTRY_ASSOCIATION)
    for name in EXTRA_COMPANIES:
        _org(name, Role.COMPANY)

    covenants: dict[str, Covenant] = {}
    for spec in COVENANTS:
        covenant = covenants[spec.slug] = _covenant(spec, secretariat)
        for org_name, role in spec.parties:
            organisation = Organisation.objects.get(name=org_name)
            if not Party.objects.filter(covenant=covenant, organisation=organisation).exists():
                Party.objects.create(
                    covenant=covenant, organisation=organisation, role=role, joined_on=spec.signed_on
                )
        for company_name, joined_on in spec.members:
            _member(covenant, Organisation.objects.get(name=company_name), joined_on, secretariat_user)
        log(f"  covenant {covenant.name_en}")

    garments = covenants["garments-textile"]
    # One ended membership (the company left), and one application waiting for the secretariat.
    _member(
        garments,
        Organisation.objects.get(name="Lichtvoet Schoenen B.V. (demo)"),
        date(2016, 7, 4),
        secretariat_user,
        ended=(date(2021, 12, 31), Membership.EndReason.LEFT, "The company stopped producing garments."),
    )
    applicant = Organisation.objects.get(name="Atelier Noord B.V. (demo)")
    if not Membership.objects.filter(
        covenant=garments, company=applicant, status__in=Membership.OPEN_STATUSES
    ).exists():
        membership = Membership.objects.create(
            covenant=garments,
            company=applicant,
            status=Membership.Status.APPLIED,
            contact_name="Demo contact",
            contact_email="contact@atelier-noord.demo.example",
            **{**DECLARATION, "employees": 45, "turnover_band": Membership.TurnoverBand.UNDER_10M},
        )
        MembershipEvent.objects.create(membership=membership, to_status=Membership.Status.APPLIED)

    _steering_group(garments)
    _cycle(garments, secretariat_user)
    log("  memberships, steering group, meetings and the current annual cycle")
    if secretariat_user is not None:
        from .news import seed_news

        seed_news(secretariat_user)
        log("  news items per covenant (one scheduled, one draft)")


def _steering_group(covenant: Covenant) -> None:
    seats = [
        ("Dr. A. Kuipers (demo)", SteeringGroupMember.Represents.INDEPENDENT, None, None, True),
        ("Eva Smit", SteeringGroupMember.Represents.GOVERNMENT, GOVERNMENT, "government@demo.example", False),
        ("Mehmet Yilmaz", SteeringGroupMember.Represents.TRADE_UNIONS, UNION, "union@demo.example", False),
        ("Lotte Visser", SteeringGroupMember.Represents.NGOS, NGO, "ngo@demo.example", False),
        ("Joris Bakker", SteeringGroupMember.Represents.INDUSTRY, COMPANY_2, "company2@demo.example", False),
    ]
    for person, represents, org_name, email, chair in seats:
        SteeringGroupMember.objects.get_or_create(
            covenant=covenant,
            person_name=person,
            defaults={
                "represents": represents,
                "organisation": Organisation.objects.filter(name=org_name).first() if org_name else None,
                "user": User.objects.filter(email=email).first() if email else None,
                "is_chair": chair,
                "since": date(2021, 1, 1),
            },
        )
    year = timezone.localdate().year - 1
    for held_on, texts in demo_meetings(year):
        meeting, created = SteeringGroupMeeting.objects.get_or_create(
            covenant=covenant, held_on=held_on, defaults=texts
        )
        if not created:
            # Older demo data had English text only: give it both languages.
            SteeringGroupMeeting.objects.filter(pk=meeting.pk).update(**texts)
        if created and held_on.month == 3:
            minutes = (
                f"Verslag van de stuurgroepvergadering van {held_on.isoformat()} (demo).\n\n"
                f"{texts['agenda']}\n"
            )
            meeting.minutes.save(f"{secrets.token_hex(16)}.txt", ContentFile(minutes.encode()), save=False)
            meeting.minutes_name = f"verslag-{held_on.isoformat()}.txt"
            meeting.save(update_fields=["minutes", "minutes_name"])


def _cycle(covenant: Covenant, secretariat_user: User | None) -> None:
    year = timezone.localdate().year
    if AnnualCycle.objects.filter(covenant=covenant, year=year).exists():
        return
    if AnnualCycle.objects.filter(covenant=covenant, status=AnnualCycle.Status.OPEN).exists():
        return
    AnnualCycle.objects.create(
        covenant=covenant,
        year=year,
        status=AnnualCycle.Status.OPEN,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        self_assessment_due=date(year, 3, 31),
        locations_due=date(year, 5, 31),
        review_due=date(year, 6, 30),
        list_publication_due=date(year, 7, 4),
        annual_report_due=date(year, 12, 15),
        opened_at=min(timezone.now(), _aware(date(year, 1, 6))),
        opened_by=secretariat_user,
    )
