"""Home sections, navigation and query budgets of the covenants pages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from covenants.models import AnnualCycle, Membership
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory

from .factories import (
    AnnualCycleFactory,
    CovenantFactory,
    MeetingFactory,
    MembershipFactory,
    PartyFactory,
    SteeringGroupMemberFactory,
)
from .helpers import url, user_for

pytestmark = pytest.mark.django_db


# --- home sections and navigation -----------------------------------------------------------------


def test_company_home_lists_its_memberships(client_for, company_user, covenant):
    MembershipFactory(covenant=covenant, company=company_user.organisation, active=True)
    body = client_for(company_user).get("/en/dashboard/home/company/").content.decode()
    assert "My memberships" in body and covenant.name_en in body and "Apply to join a covenant" in body


def test_secretariat_home_shows_waiting_applications_and_open_cycles(client_for, secretariat_user, covenant):
    MembershipFactory(covenant=covenant)
    AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)
    body = client_for(secretariat_user).get("/en/dashboard/home/secretariat/").content.decode()
    assert "1 membership application waiting" in body and "1 open annual cycle" in body


@pytest.mark.parametrize("size", [1, 30])
def test_role_sections_cost_a_fixed_number_of_queries(
    client_for, company_user, secretariat_user, django_assert_max_num_queries, size
):
    for _ in range(size):
        MembershipFactory(company=company_user.organisation)
    company, secretariat = client_for(company_user), client_for(secretariat_user)
    # The page's own queries, the covenants and uploads sections, due diligence (three), complaints,
    # the signals waiting for a response and the recent notifications (one each).
    with django_assert_max_num_queries(12):
        company_home = company.get("/en/dashboard/home/company/").content.decode()
    with django_assert_max_num_queries(
        12
    ):  # with the complaints and enquiry counts and recent notifications (one each)
        secretariat_home = secretariat.get("/en/dashboard/home/secretariat/").content.decode()
    # The company's section lists at most five memberships, then links to all of them.
    assert len(re.findall(r'href="/en/covenants/memberships/\d+/"', company_home)) == min(size, 5)
    assert ("All my memberships" in company_home) == (size > 5)
    assert f"{size} membership application" in secretariat_home


def test_main_navigation_links_to_the_covenants(client):
    assert f'href="{url("list")}"' in client.get("/en/").content.decode()


def test_list_answers_htmx_with_the_table_only(client, covenant):
    response = client.get(url("list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="covenant-table"' in body and "<html" not in body


# --- query budgets ---------------------------------------------------------------------------------

#: List: count, page of covenants (with member counts), their themes. Detail: covenant, themes,
#: parties, members, the members' published performance checks (one query, from the due-diligence
#: app's provider), and for parties the steering group and meetings. Signed-in users add four
#: (session, user, organisation, unread notifications), and the page its latest news and the time the
#: next scheduled item is due (two, cached like the page). None of it grows with the data.
LIST_BUDGET = 7
DETAIL_BUDGET = 13


def _fill(covenant, size: int) -> None:
    companies = OrganisationFactory.create_batch(size, kind=Role.COMPANY)
    Membership.objects.bulk_create(
        [
            Membership(
                covenant=covenant,
                company=company,
                status=Membership.Status.ACTIVE,
                joined_on=date(2022, 1, 1),
                contact_name="x",
                contact_email="x@example.test",
                employees=10,
                turnover_band=Membership.TurnoverBand.UNDER_10M,
                sourcing_countries="BD",
                declaration_accepted=True,
            )
            for company in companies
        ]
    )


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize("role", [None, Role.NGO, Role.SECRETARIAT])
def test_covenant_list_has_a_fixed_query_budget(
    client_for, make_user, django_assert_max_num_queries, size, role
):
    covenants = CovenantFactory.create_batch(3)
    for covenant in covenants:
        _fill(covenant, size)
    client = client_for(user_for(make_user, role))
    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(url("list"))
    body = response.content.decode()
    assert all(covenant.name_en in body for covenant in covenants)
    assert body.count(f">{size}<") >= 3  # each covenant's member count


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize("role", [None, Role.NGO, Role.SECRETARIAT])
def test_covenant_detail_has_a_fixed_query_budget(
    client_for, make_user, covenant, django_assert_max_num_queries, size, role
):
    _fill(covenant, size)
    for _ in range(3):
        PartyFactory(covenant=covenant)
    SteeringGroupMemberFactory.create_batch(3, covenant=covenant)
    MeetingFactory.create_batch(3, covenant=covenant)
    user = user_for(make_user, role)
    if role == Role.NGO:  # a party: the governance section is loaded too
        PartyFactory(covenant=covenant, organisation=user.organisation)
    client = client_for(user)
    with django_assert_max_num_queries(DETAIL_BUDGET):
        response = client.get(url("detail", covenant.slug))
    assert response.status_code == 200
    members = response.context["members"]
    assert members.paginator.count == size
    assert len(members.object_list) == min(size, 100)


def test_covenant_page_pages_through_large_member_lists(client, covenant):
    _fill(covenant, 130)
    first = client.get(url("detail", covenant.slug))
    second = client.get(url("detail", covenant.slug) + "?members_page=2")
    assert len(first.context["members"].object_list) == 100
    assert len(second.context["members"].object_list) == 30
    assert "?members_page=2" in first.content.decode()
    names = {name for _id, name, _joined_on in first.context["members"]} | {
        name for _id, name, _joined_on in second.context["members"]
    }
    assert len(names) == 130
