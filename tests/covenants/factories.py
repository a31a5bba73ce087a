"""Factories for covenants. Statuses are set directly here only to build a starting point for a test;
the moves under test always go through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from covenants.models import (
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
from covenants.services import risk_theme_sync_standard
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory


def standard_theme(code: str) -> RiskTheme:
    """A standard theme (created if a transactional test flushed the migration's rows)."""
    theme = RiskTheme.objects.filter(code=code, covenant__isnull=True).first()
    if theme is None:
        risk_theme_sync_standard()
        theme = RiskTheme.objects.get(code=code, covenant__isnull=True)
    return theme


class CovenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Covenant
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"covenant-{n}")
    name_nl = factory.Sequence(lambda n: f"Convenant {n}")
    name_en = factory.Sequence(lambda n: f"Covenant {n}")
    description_nl = "Doel van het convenant."
    description_en = "Purpose of the covenant."
    sector = Sector.GARMENTS_TEXTILE
    status = Covenant.Status.ACTIVE
    signed_on = date(2020, 1, 1)
    starts_on = date(2020, 1, 1)
    ends_on = date(2035, 12, 31)
    secretariat = factory.SubFactory(OrganisationFactory, kind=Role.SECRETARIAT, kvk_number="")

    @factory.post_generation
    def themes(obj: Covenant, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            codes = extracted if extracted is not None else ["child-labour", "living-wage"]
            obj.themes.set([standard_theme(code) for code in codes])


def company(**kwargs: Any) -> Organisation:
    return OrganisationFactory(kind=Role.COMPANY, **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    covenant = factory.SubFactory(CovenantFactory)
    company = factory.SubFactory(OrganisationFactory, kind=Role.COMPANY)
    status = Membership.Status.APPLIED
    contact_name = "Fatima El Amrani"
    contact_email = "contact@example.test"
    employees = 120
    turnover_band = Membership.TurnoverBand.FROM_10M
    sourcing_countries = ["BD", "CN"]
    declaration_accepted = True

    class Params:
        active = factory.Trait(status=Membership.Status.ACTIVE, joined_on=date(2021, 3, 1))
        suspended = factory.Trait(status=Membership.Status.SUSPENDED, joined_on=date(2021, 3, 1))
        ended = factory.Trait(
            status=Membership.Status.ENDED,
            joined_on=date(2021, 3, 1),
            ended_on=date(2023, 3, 1),
            end_reason=Membership.EndReason.LEFT,
        )
        rejected = factory.Trait(status=Membership.Status.REJECTED)


class MembershipEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipEvent

    membership = factory.SubFactory(MembershipFactory)
    to_status = Membership.Status.APPLIED


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    covenant = factory.SubFactory(CovenantFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=Role.NGO)
    role = PartyRole.NGO
    joined_on = date(2020, 1, 1)


class SteeringGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroupMember

    covenant = factory.SubFactory(CovenantFactory)
    person_name = factory.Sequence(lambda n: f"Member {n}")
    represents = SteeringGroupMember.Represents.NGOS
    since = date(2021, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroupMeeting

    covenant = factory.SubFactory(CovenantFactory)
    held_on = date(2024, 3, 14)
    agenda = "1. Progress of the annual plans"
    decisions = "The plan is adopted."


class AnnualCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualCycle

    covenant = factory.SubFactory(CovenantFactory)
    year = 2026
    status = AnnualCycle.Status.PLANNED
    starts_on = factory.LazyAttribute(lambda o: date(o.year, 1, 1))
    ends_on = factory.LazyAttribute(lambda o: date(o.year, 12, 31))
    self_assessment_due = factory.LazyAttribute(lambda o: date(o.year, 3, 31))
    locations_due = factory.LazyAttribute(lambda o: date(o.year, 5, 31))
    review_due = factory.LazyAttribute(lambda o: date(o.year, 6, 30))
    list_publication_due = factory.LazyAttribute(lambda o: date(o.year, 7, 4))
    annual_report_due = factory.LazyAttribute(lambda o: date(o.year, 12, 15))


def declaration(**overrides: Any) -> dict[str, Any]:
    """A complete adherence declaration, as the apply service takes it."""
    data: dict[str, Any] = {
        "contact_name": "Fatima El Amrani",
        "contact_email": "fatima@example.test",
        "contact_phone": "+31 20 123 4567",
        "employees": 250,
        "turnover_band": Membership.TurnoverBand.FROM_50M,
        "sourcing_countries": ["BD", "CN", "IN"],
        "declaration_accepted": True,
    }
    data.update(overrides)
    return data
