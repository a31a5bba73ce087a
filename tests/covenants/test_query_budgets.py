"""Query budgets of the secretariat's and the company's covenant pages, at two data sizes.

Each page gets one fixed budget that holds with 5 rows and with 60: the number of queries must not
grow with the data (architecture.md, "Query budgets"). Every signed-in page costs four queries of its
own (session, user, organisation, unread notifications); the budgets below include them.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from covenants.models import AnnualCycle, Membership, MembershipEvent, Party, PartyRole
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory, UserFactory

from .factories import (
    AnnualCycleFactory,
    CovenantFactory,
    MeetingFactory,
    SteeringGroupMemberFactory,
)
from .helpers import url

pytestmark = pytest.mark.django_db
SIZES = [5, 60]


def _membership(covenant, company, status=Membership.Status.ACTIVE) -> Membership:
    joined = date(2022, 1, 1) if status != Membership.Status.APPLIED else None
    return Membership(
        covenant=covenant,
        company=company,
        status=status,
        joined_on=joined,
        contact_name="Contact",
        contact_email="contact@example.test",
        employees=10,
        turnover_band=Membership.TurnoverBand.UNDER_10M,
        sourcing_countries=["BD", "IN"],
        declaration_accepted=True,
    )


@pytest.fixture
def world(secretariat_user, company_user):
    """Build `size` of everything each page lists; returns a function so each test picks the size."""

    def build(size: int) -> dict:
        covenants = CovenantFactory.create_batch(size, secretariat=secretariat_user.organisation)
        main = covenants[0]
        # Lists sort by name: the covenant a test looks for is on the first page whatever the
        # factory's sequence numbers are (they depend on which tests ran before in this process).
        main.name_en = main.name_nl = "A covenant listed first"
        main.save(update_fields=["name_en", "name_nl"])
        companies = OrganisationFactory.create_batch(size, kind=Role.COMPANY)
        # Waiting applications and active members across the covenants, each by another company.
        Membership.objects.bulk_create(
            [
                _membership(c, co, Membership.Status.APPLIED)
                for c, co in zip(
                    covenants, OrganisationFactory.create_batch(size, kind=Role.COMPANY), strict=True
                )
            ]
            + [_membership(main, co) for co in companies]
        )
        # The company of company_user is a member of every covenant.
        Membership.objects.bulk_create([_membership(c, company_user.organisation) for c in covenants])
        own = Membership.objects.get(covenant=main, company=company_user.organisation)
        actor = UserFactory(organisation=secretariat_user.organisation)
        MembershipEvent.objects.bulk_create(
            [
                MembershipEvent(
                    membership=own,
                    actor=actor if i % 2 else secretariat_user,
                    from_status=Membership.Status.ACTIVE,
                    to_status=Membership.Status.ACTIVE,
                    note=f"Event {i}",
                    created_at=timezone.now(),
                )
                for i in range(size)
            ]
        )
        cycles = [
            AnnualCycleFactory(covenant=c, year=2020 + i % 10, status=AnnualCycle.Status.OPEN)
            for i, c in enumerate(covenants)
        ]
        Party.objects.bulk_create(
            [
                Party(
                    covenant=main,
                    organisation=OrganisationFactory(kind=Role.NGO),
                    role=PartyRole.NGO,
                    joined_on=date(2020, 1, 1),
                    left_on=date(2024, 1, 1) if i % 3 == 0 else None,
                )
                for i in range(size)
            ]
        )
        for i in range(size):
            SteeringGroupMemberFactory(
                covenant=main,
                organisation=companies[i],
                user=UserFactory(organisation=companies[i]) if i % 2 else None,
            )
        MeetingFactory.create_batch(size, covenant=main)
        applicant = (
            Membership.objects.filter(status=Membership.Status.APPLIED)
            .order_by("applied_at", "pk")[0]
            .company.name
        )
        last_party = Party.objects.filter(covenant=main).latest("pk").organisation.name
        last_seat = main.steering_group.latest("pk").person_name
        return {
            "main": main,
            "own": own,
            "cycle": cycles[0],
            "applicant": applicant,
            "last_event": f"Event {size - 1}",
            "last_party": last_party,
            "last_seat": last_seat,
            # The first row of each paged list, in the list's own order.
            "first_cycle": AnnualCycle.objects.order_by("-year", "covenant__name_en", "pk")[
                0
            ].covenant.name_en,
            "first_own": Membership.objects.filter(company=company_user.organisation)
            .order_by("-applied_at", "-pk")[0]
            .covenant.name_en,
        }

    return build


#: page -> (budget, address, a text the page must show: the newest or last row of the data).
SECRETARIAT_PAGES = {
    "manage": (6, lambda w: url("manage"), lambda w: w["main"].name_en),
    "applications": (6, lambda w: url("applications"), lambda w: w["applicant"]),
    "memberships": (6, lambda w: url("memberships"), lambda w: w["own"].company.name),
    "membership-detail": (6, lambda w: url("membership-detail", w["own"].pk), lambda w: w["last_event"]),
    "cycles": (6, lambda w: url("cycles"), lambda w: w["first_cycle"]),
    # One more than the cycle itself: the count of self-assessments waiting for review (due diligence).
    "cycle-detail": (6, lambda w: url("cycle-detail", w["cycle"].pk), lambda w: w["cycle"].covenant.name_en),
    "parties": (7, lambda w: url("parties", w["main"].slug), lambda w: w["last_party"]),
    "governance": (8, lambda w: url("governance", w["main"].slug), lambda w: w["last_seat"]),
}
COMPANY_PAGES = {
    "memberships": (6, lambda w: url("memberships"), lambda w: w["first_own"]),
    "membership-detail": (6, lambda w: url("membership-detail", w["own"].pk), lambda w: w["last_event"]),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", sorted(SECRETARIAT_PAGES))
def test_secretariat_page_has_a_fixed_query_budget(
    client_for, secretariat_user, world, django_assert_max_num_queries, size, page
):
    budget, address, shown = SECRETARIAT_PAGES[page]
    data = world(size)
    client = client_for(secretariat_user)
    with django_assert_max_num_queries(budget):
        response = client.get(address(data))
    assert shown(data) in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", sorted(COMPANY_PAGES))
def test_company_page_has_a_fixed_query_budget(
    client_for, company_user, world, django_assert_max_num_queries, size, page
):
    budget, address, shown = COMPANY_PAGES[page]
    data = world(size)
    client = client_for(company_user)
    with django_assert_max_num_queries(budget):
        response = client.get(address(data))
    assert shown(data) in response.content.decode()
