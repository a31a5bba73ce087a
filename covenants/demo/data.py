"""The demo covenants' content, in Dutch and English: names, purposes, parties, members, meetings.

Every name says "(demo)"; dates are modelled on the real sector agreements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from ..models import Covenant, Membership, PartyRole, Sector

SECRETARIAT = "SER IMVO-secretariaat (demo)"
GOVERNMENT = "Ministerie van Buitenlandse Zaken (demo)"
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

#: Where a complainant or a company reaches the secretariat (fictional: .example address, no real number).
SECRETARIAT_CONTACT = {
    "contact_email": "imvo-secretariaat@demo.example",
    "contact_phone": "+31 70 000 0000",
    "contact_address": "IMVO-secretariaat (demo)\nPostbus 00000\n2500 AA Den Haag",
}

DECLARATION: dict[str, Any] = {
    "contact_phone": "+31 20 000 0000",
    "employees": 120,
    "turnover_band": Membership.TurnoverBand.FROM_10M,
    "sourcing_countries": ["BD", "CN", "IN", "TR"],
    "declaration_accepted": True,
}


def demo_meetings(year: int) -> list[tuple[date, dict[str, str]]]:
    """Two steering-group meetings, in Dutch (the record) and English."""
    return [
        (
            date(year, 3, 14),
            {
                "agenda": (
                    "1. Voortgang van de jaarplannen\n2. Pilot leefbaar loon\n"
                    "3. Evaluatie van het klachtenmechanisme"
                ),
                "agenda_en": (
                    "1. Progress of the annual plans\n2. Living-wage pilot\n3. Complaint mechanism evaluation"
                ),
                "decisions": (
                    "De stuurgroep stelt de evaluatie vast en vraagt het secretariaat om een actieplan."
                ),
                "decisions_en": (
                    "The steering group adopts the evaluation and asks the secretariat for an action plan."
                ),
            },
        ),
        (
            date(year, 10, 10),
            {
                "agenda": "1. Geaggregeerde lijst van productielocaties\n2. Begroting voor volgend jaar",
                "agenda_en": "1. Aggregated production-location list\n2. Budget for next year",
                "decisions": (
                    "De begroting is vastgesteld. De locatielijst wordt zoals elk jaar op 4 juli gepubliceerd."
                ),
                "decisions_en": (
                    "The budget is adopted. The location list will be published on 4 July as every year."
                ),
            },
        ),
    ]
