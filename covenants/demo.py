"""Demo covenants modelled on the real sector agreements. Every name says "(demo)"; dates are plausible.

Idempotent: rows are looked up by natural keys, so running seed_demo twice gives the same data. The
demo history (who joined when, an ended membership) lies in the past, so it is written as rows with
their own dates instead of being replayed through the services, which stamp the current time.
Runs after portal.core's demo (INSTALLED_APPS order), whose organisations and accounts it uses.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role

from .models import (
    AnnualCycle,
    Covenant,
    Membership,
    MembershipEvent,
    Party,
    PartyRole,
    RiskTheme,
    Sector,
    SteeringGroupMeeting,
    SteeringGroupMember,
)
from .services import risk_theme_sync_standard

SECRETARIAT = "SER IMVO secretariat (demo)"
GOVERNMENT = "Ministry of Foreign Affairs (demo)"
NGO = "Stichting Eerlijke Keten (demo)"
UNION = "Bond voor Textielwerkers (demo)"
COMPANY_1 = "Demo Textiles B.V."
COMPANY_2 = "Voorbeeld Mode B.V."
ASSOCIATION = "Branchevereniging Mode en Textiel (demo)"
SECRETARIAT_EMAIL = "secretariat@demo.example"

#: Companies without a demo account, so the member lists look like a real sector's.
EXTRA_COMPANIES = [
    "Zeeland Denim B.V. (demo)",
    "Lichtvoet Schoenen B.V. (demo)",
    "Atelier Noord B.V. (demo)",
    "Steenhouwerij De Graaf B.V. (demo)",
    "Van Dijk Metaalbewerking B.V. (demo)",
    "Polder Voedingsmiddelen B.V. (demo)",
    "Goudsmederij Amstel B.V. (demo)",
    "Rijnland Bank N.V. (demo)",
]


@dataclass
class DemoCovenant:
    slug: str
    sector: Sector
    name_nl: str
    name_en: str
    purpose_nl: str
    purpose_en: str
    signed_on: date
    ends_on: date
    status: Covenant.Status
    themes: list[str]
    parties: list[tuple[str, PartyRole]]
    members: list[tuple[str, date]] = field(default_factory=list)
    own_theme: tuple[str, str, str] | None = None


def _years_ahead(years: int, month: int, day: int) -> date:
    """An end date that stays in the future, so an active demo covenant keeps making sense."""
    return date(timezone.localdate().year + years, month, day)


DEMO_NOTE_NL = " (Demogegevens: fictieve organisaties, data lijken op het echte convenant.)"
DEMO_NOTE_EN = " (Demo data: fictional organisations, dates modelled on the real agreement.)"

COVENANTS = [
    DemoCovenant(
        slug="garments-textile",
        sector=Sector.GARMENTS_TEXTILE,
        name_nl="Convenant Duurzame Kleding en Textiel (demo)",
        name_en="Dutch Agreement on Sustainable Garments and Textile (demo)",
        purpose_nl=(
            "Kledingbedrijven, brancheorganisaties, vakbonden, maatschappelijke organisaties en de overheid "
            "werken samen aan betere arbeidsomstandigheden en minder milieuschade in de productieketen: "
            "een leefbaar loon, vrijheid van vakvereniging en geen kinder- of dwangarbeid." + DEMO_NOTE_NL
        ),
        purpose_en=(
            "Garment companies, industry associations, trade unions, NGOs and government work together for "
            "better working conditions and less environmental harm in the production chain: a living wage, "
            "freedom of association and no child or forced labour." + DEMO_NOTE_EN
        ),
        signed_on=date(2016, 7, 4),
        ends_on=_years_ahead(2, 7, 3),
        status=Covenant.Status.ACTIVE,
        themes=[
            "child-labour",
            "forced-labour",
            "living-wage",
            "freedom-of-association",
            "discrimination-gender",
            "health-safety",
            "environment",
        ],
        parties=[
            (SECRETARIAT, PartyRole.SECRETARIAT),
            (GOVERNMENT, PartyRole.GOVERNMENT),
            (UNION, PartyRole.TRADE_UNION),
            (NGO, PartyRole.NGO),
            (ASSOCIATION, PartyRole.INDUSTRY_ASSOCIATION),
        ],
        members=[
            (COMPANY_1, date(2016, 7, 4)),
            (COMPANY_2, date(2018, 3, 1)),
            ("Zeeland Denim B.V. (demo)", date(2017, 1, 16)),
        ],
    ),
    DemoCovenant(
        slug="banking",
        sector=Sector.BANKING,
        name_nl="Convenant Internationaal Verantwoord Bankieren (demo)",
        name_en="Dutch Banking Sector Agreement (demo)",
        purpose_nl=(
            "Banken, vakbonden, maatschappelijke organisaties en de overheid werken samen aan het voorkomen "
            "van mensenrechtenschendingen bij bedrijfsfinanciering en projectfinanciering." + DEMO_NOTE_NL
        ),
        purpose_en=(
            "Banks, trade unions, NGOs and government work together to prevent human-rights violations in "
            "corporate lending and project finance." + DEMO_NOTE_EN
        ),
        signed_on=date(2016, 10, 28),
        ends_on=date(2019, 12, 31),
        status=Covenant.Status.ENDED,
        themes=[
            "child-labour",
            "forced-labour",
            "living-wage",
            "freedom-of-association",
            "discrimination-gender",
            "health-safety",
            "land-rights",
            "environment",
            "corruption",
        ],
        parties=[
            (SECRETARIAT, PartyRole.SECRETARIAT),
            (GOVERNMENT, PartyRole.GOVERNMENT),
            (NGO, PartyRole.NGO),
        ],
        members=[("Rijnland Bank N.V. (demo)", date(2016, 10, 28))],
    ),
    DemoCovenant(
        slug="gold",
        sector=Sector.GOLD,
        name_nl="Convenant Verantwoorde Goudketen (demo)",
        name_en="Dutch Responsible Gold Agreement (demo)",
        purpose_nl=(
            "Goudverwerkers, juweliers, recyclers en elektronicabedrijven werken aan een verantwoorde "
            "goudketen, van kleinschalige mijnbouw tot recycling." + DEMO_NOTE_NL
        ),
        purpose_en=(
            "Gold refiners, jewellers, recyclers and electronics companies work towards a responsible gold "
            "supply chain, from artisanal mining to recycling." + DEMO_NOTE_EN
        ),
        signed_on=date(2017, 6, 20),
        ends_on=_years_ahead(1, 6, 19),
        status=Covenant.Status.ACTIVE,
        themes=["child-labour", "land-rights", "environment", "corruption", "health-safety"],
        parties=[
            (SECRETARIAT, PartyRole.SECRETARIAT),
            (GOVERNMENT, PartyRole.GOVERNMENT),
            (NGO, PartyRole.NGO),
        ],
        members=[("Goudsmederij Amstel B.V. (demo)", date(2017, 6, 20))],
        own_theme=(
            "conflict-areas",
            "Conflict- en hoogrisicogebieden",
            "Conflict-affected and high-risk areas",
        ),
    ),
    DemoCovenant(
        slug="natural-stone",
        sector=Sector.NATURAL_STONE,
        name_nl="Convenant Natuursteen (demo)",
        name_en="Dutch Natural Stone Agreement (demo)",
        purpose_nl=(
            "Natuursteenbedrijven werken aan veilige groeven, het uitbannen van kinderarbeid en "
            "respect voor landrechten in landen als India, China en Vietnam." + DEMO_NOTE_NL
        ),
        purpose_en=(
            "Natural stone companies work towards safe quarries, an end to child labour and respect for land "
            "rights in countries such as India, China and Vietnam." + DEMO_NOTE_EN
        ),
        signed_on=date(2017, 10, 20),
        ends_on=_years_ahead(1, 10, 19),
        status=Covenant.Status.ACTIVE,
        themes=["child-labour", "forced-labour", "health-safety", "land-rights", "environment"],
        parties=[(SECRETARIAT, PartyRole.SECRETARIAT), (GOVERNMENT, PartyRole.GOVERNMENT)],
        members=[("Steenhouwerij De Graaf B.V. (demo)", date(2017, 10, 20))],
    ),
    DemoCovenant(
        slug="food-products",
        sector=Sector.FOOD_PRODUCTS,
        name_nl="Convenant Voedingsmiddelen (demo)",
        name_en="Dutch Food Products Agreement (demo)",
        purpose_nl=(
            "Voedingsmiddelenbedrijven pakken risico's aan in ketens van onder meer cacao, vis, "
            "groente en fruit: leefbaar inkomen, landrechten, milieu en dierenwelzijn." + DEMO_NOTE_NL
        ),
        purpose_en=(
            "Food companies tackle risks in supply chains such as cocoa, fish, fruit and vegetables: living "
            "income, land rights, environment and animal welfare." + DEMO_NOTE_EN
        ),
        signed_on=date(2018, 11, 19),
        ends_on=_years_ahead(2, 11, 18),
        status=Covenant.Status.ACTIVE,
        themes=[
            "living-wage",
            "child-labour",
            "land-rights",
            "environment",
            "animal-welfare",
            "health-safety",
        ],
        parties=[
            (SECRETARIAT, PartyRole.SECRETARIAT),
            (GOVERNMENT, PartyRole.GOVERNMENT),
            (NGO, PartyRole.NGO),
        ],
        members=[("Polder Voedingsmiddelen B.V. (demo)", date(2019, 2, 1))],
    ),
    DemoCovenant(
        slug="metals",
        sector=Sector.METALS,
        name_nl="Convenant Internationaal MVO Metaal (demo)",
        name_en="Dutch Metals Sector Agreement (demo)",
        purpose_nl=(
            "Metaalbedrijven en hun brancheorganisaties werken samen met vakbonden, maatschappelijke "
            "organisaties en de overheid aan verantwoorde ketens van metalen en mineralen." + DEMO_NOTE_NL
        ),
        purpose_en=(
            "Metal companies and their industry associations work with trade unions, NGOs and government "
            "towards responsible supply chains for metals and minerals." + DEMO_NOTE_EN
        ),
        signed_on=date(2019, 7, 1),
        ends_on=_years_ahead(2, 6, 30),
        status=Covenant.Status.ACTIVE,
        themes=["health-safety", "environment", "corruption", "child-labour", "forced-labour"],
        parties=[
            (SECRETARIAT, PartyRole.SECRETARIAT),
            (GOVERNMENT, PartyRole.GOVERNMENT),
            (UNION, PartyRole.TRADE_UNION),
        ],
        members=[("Van Dijk Metaalbewerking B.V. (demo)", date(2019, 7, 1))],
    ),
]

DECLARATION: dict[str, Any] = {
    "contact_phone": "+31 20 000 0000",
    "employees": 120,
    "turnover_band": Membership.TurnoverBand.FROM_10M,
    "sourcing_countries": ["BD", "CN", "IN", "TR"],
    "declaration_accepted": True,
}


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
    meetings = [
        (
            date(year, 3, 14),
            "1. Progress of the annual plans\n2. Living-wage pilot\n3. Complaint mechanism evaluation",
            "The steering group adopts the evaluation and asks the secretariat for an action plan.",
        ),
        (
            date(year, 10, 10),
            "1. Aggregated production-location list\n2. Budget for next year",
            "The budget is adopted. The location list will be published on 4 July as every year.",
        ),
    ]
    for held_on, agenda, decisions in meetings:
        meeting, created = SteeringGroupMeeting.objects.get_or_create(
            covenant=covenant, held_on=held_on, defaults={"agenda": agenda, "decisions": decisions}
        )
        if created and held_on.month == 3:
            minutes = f"Minutes of the steering group meeting of {held_on.isoformat()} (demo).\n\n{agenda}\n"
            meeting.minutes.save(f"{secrets.token_hex(16)}.txt", ContentFile(minutes.encode()), save=False)
            meeting.minutes_name = f"minutes-{held_on.isoformat()}.txt"
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
