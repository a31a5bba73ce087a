"""Pages per role: who gets in, who gets 404, what they see; forms keep what was typed; query budgets."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from covenants import services
from covenants.models import AnnualCycle, Covenant, Membership, Party, PartyRole
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory

from .factories import (
    AnnualCycleFactory,
    CovenantFactory,
    MeetingFactory,
    MembershipFactory,
    PartyFactory,
    SteeringGroupMemberFactory,
    declaration,
)

pytestmark = pytest.mark.django_db

ROLES = [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION, Role.SECRETARIAT]


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"covenants:{name}", args=args)


def user_for(make_user, role):
    return make_user(role) if role is not None else None


# --- public pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_everyone_sees_the_covenant_list_and_detail(client_for, make_user, covenant, role):
    member = MembershipFactory(covenant=covenant, active=True, joined_on=date(2021, 3, 1))
    client = client_for(user_for(make_user, role))

    listing = client.get(url("list"))
    detail = client.get(url("detail", covenant.slug))

    assert listing.status_code == 200 and covenant.name_en in listing.content.decode()
    body = detail.content.decode()
    assert detail.status_code == 200
    assert member.company.name in body and "1 Mar 2021" in body
    assert "Complaint route" in body and "Child labour" in body


def test_detail_page_shows_the_content_in_the_page_language(client, covenant):
    with translation.override("nl"):
        dutch = reverse("covenants:detail", args=[covenant.slug])
    assert covenant.name_nl in client.get(dutch).content.decode()
    assert covenant.name_en in client.get(url("detail", covenant.slug)).content.decode()


def test_dutch_name_falls_back_to_english_when_empty(client, covenant):
    Covenant.objects.filter(pk=covenant.pk).update(name_nl="")
    with translation.override("nl"):
        page = client.get(reverse("covenants:detail", args=[covenant.slug]))
    assert covenant.name_en in page.content.decode()


def test_members_that_are_not_active_are_not_listed_publicly(client, covenant):
    applied = MembershipFactory(covenant=covenant)
    suspended = MembershipFactory(covenant=covenant, suspended=True)
    ended = MembershipFactory(covenant=covenant, ended=True)
    body = client.get(url("detail", covenant.slug)).content.decode()
    for membership in (applied, suspended, ended):
        assert membership.company.name not in body


@pytest.mark.parametrize("role", [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_covenant_in_negotiation_is_hidden_from_non_parties(client_for, make_user, role):
    hidden = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    client = client_for(user_for(make_user, role))
    assert client.get(url("detail", hidden.slug)).status_code == 404
    assert hidden.name_en not in client.get(url("list")).content.decode()


def test_covenant_in_negotiation_is_shown_to_its_parties_and_the_secretariat(
    client_for, ngo_user, secretariat_user
):
    negotiating = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    PartyFactory(covenant=negotiating, organisation=ngo_user.organisation)
    assert client_for(ngo_user).get(url("detail", negotiating.slug)).status_code == 200
    assert client_for(secretariat_user).get(url("detail", negotiating.slug)).status_code == 200


def test_missing_covenant_gives_404(client):
    assert client.get(url("detail", "no-such-covenant")).status_code == 404


# --- governance: parties and the secretariat only -------------------------------------------------


@pytest.fixture
def governance(covenant):
    SteeringGroupMemberFactory(covenant=covenant, person_name="Anne Kuipers", is_chair=True)
    meeting = MeetingFactory(covenant=covenant, agenda="Living-wage pilot")
    services._store_minutes(
        meeting, SimpleUploadedFile("minutes.txt", b"Minutes of the meeting.\n", content_type="text/plain")
    )
    meeting.save()
    return meeting


def test_governance_is_visible_to_a_party(client_for, ngo_user, covenant, governance):
    PartyFactory(covenant=covenant, organisation=ngo_user.organisation)
    body = client_for(ngo_user).get(url("detail", covenant.slug)).content.decode()
    assert "Anne Kuipers" in body and "Living-wage pilot" in body


def test_governance_is_visible_to_a_member_company(
    client_for, company_user, secretariat_user, covenant, governance
):
    membership = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    services.membership_approve(actor=secretariat_user, membership_id=membership.pk)
    body = client_for(company_user).get(url("detail", covenant.slug)).content.decode()
    assert "Living-wage pilot" in body


@pytest.mark.parametrize("role", [None, Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_governance_is_hidden_from_the_public_and_non_parties(
    client_for, make_user, covenant, governance, role
):
    body = client_for(user_for(make_user, role)).get(url("detail", covenant.slug)).content.decode()
    assert "Anne Kuipers" not in body and "Living-wage pilot" not in body


def test_former_party_no_longer_sees_governance(client_for, ngo_user, covenant, governance):
    PartyFactory(covenant=covenant, organisation=ngo_user.organisation, left_on=date(2023, 1, 1))
    assert "Living-wage pilot" not in client_for(ngo_user).get(url("detail", covenant.slug)).content.decode()


def test_minutes_download_for_a_party_as_an_attachment(client_for, ngo_user, covenant, governance):
    PartyFactory(covenant=covenant, organisation=ngo_user.organisation)
    response = client_for(ngo_user).get(url("meeting-minutes", covenant.slug, governance.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"Minutes of the meeting.\n"


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_minutes_are_404_for_the_wrong_stakeholder(client_for, make_user, covenant, governance, role):
    response = client_for(make_user(role)).get(url("meeting-minutes", covenant.slug, governance.pk))
    assert response.status_code == 404


def test_minutes_need_a_login(client, covenant, governance):
    response = client.get(url("meeting-minutes", covenant.slug, governance.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- secretariat screens ---------------------------------------------------------------------------

SECRETARIAT_PAGES = [
    ("manage", ()),
    ("create", ()),
    ("applications", ()),
    ("cycles", ()),
    ("cycle-create", ()),
    ("edit", ("garments",)),
    ("parties", ("garments",)),
    ("governance", ("garments",)),
    ("meeting-create", ("garments",)),
]


@pytest.mark.parametrize(("name", "args"), SECRETARIAT_PAGES, ids=[p[0] for p in SECRETARIAT_PAGES])
def test_secretariat_screens_open_for_the_secretariat(client_for, secretariat_user, covenant, name, args):
    assert client_for(secretariat_user).get(url(name, *args)).status_code == 200


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION, Role.COMMITTEE])
@pytest.mark.parametrize(("name", "args"), SECRETARIAT_PAGES, ids=[p[0] for p in SECRETARIAT_PAGES])
def test_secretariat_screens_are_404_for_other_roles(client_for, make_user, covenant, role, name, args):
    assert client_for(make_user(role)).get(url(name, *args)).status_code == 404


@pytest.mark.parametrize(("name", "args"), SECRETARIAT_PAGES, ids=[p[0] for p in SECRETARIAT_PAGES])
def test_secretariat_screens_send_the_public_to_login(client, covenant, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_secretariat_creates_a_covenant(client_for, secretariat_user):
    data = {
        "name_nl": "Metaalconvenant",
        "name_en": "Metals agreement",
        "slug": "metals",
        "sector": "metals",
        "description_nl": "",
        "description_en": "Purpose.",
        "signed_on": "2019-07-01",
        "starts_on": "2019-07-01",
        "ends_on": "2024-06-30",
        "secretariat": secretariat_user.organisation_id,
        "themes": [],
        **{
            f"days_{stage}": 30
            for stage in ["intake", "admissibility", "reply", "mediation", "hearing", "ruling", "follow_up"]
        },
    }
    response = client_for(secretariat_user).post(url("create"), data)
    assert response.status_code == 302
    covenant = Covenant.objects.get(slug="metals")
    assert covenant.status == Covenant.Status.NEGOTIATION
    assert covenant.complaint_time_frames["mediation"] == 30


def test_covenant_form_error_is_at_the_field_and_keeps_what_was_typed(client_for, secretariat_user):
    data = {
        "name_nl": "Metaalconvenant",
        "name_en": "Metals agreement typed",
        "slug": "metals",
        "sector": "metals",
        "starts_on": "2019-07-01",
        "ends_on": "2018-06-30",
        "secretariat": secretariat_user.organisation_id,
        **{
            f"days_{stage}": 30
            for stage in ["intake", "admissibility", "reply", "mediation", "hearing", "ruling", "follow_up"]
        },
    }
    response = client_for(secretariat_user).post(url("create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "ends_on" in form.errors
    body = response.content.decode()
    assert 'value="Metals agreement typed"' in body
    assert 'aria-describedby="id_ends_on_error' in body or 'id="id_ends_on_error"' in body
    assert not Covenant.objects.filter(slug="metals").exists()


def test_secretariat_activates_then_ends_a_covenant(client_for, secretariat_user):
    negotiating = CovenantFactory(
        status=Covenant.Status.NEGOTIATION, secretariat=secretariat_user.organisation
    )
    client = client_for(secretariat_user)
    assert client.post(url("status", negotiating.slug), {"status-to": "active"}).status_code == 302
    assert client.post(url("status", negotiating.slug), {"status-to": "ended"}).status_code == 302
    negotiating.refresh_from_db()
    assert negotiating.status == Covenant.Status.ENDED
    # Ended is final: the refusal is shown, not a server error.
    response = client.post(url("status", negotiating.slug), {"status-to": "active"})
    assert response.status_code == 200 and "cannot move" in response.content.decode()


def test_secretariat_adds_a_party_and_a_wrong_kind_is_refused_at_the_field(
    client_for, secretariat_user, covenant
):
    union = OrganisationFactory(kind=Role.TRADE_UNION)
    client = client_for(secretariat_user)
    wrong = client.post(
        url("parties", covenant.slug), {"organisation": union.pk, "role": "ngo", "joined_on": "2020-01-01"}
    )
    assert wrong.status_code == 200 and "organisation" in wrong.context["form"].errors
    ok = client.post(
        url("parties", covenant.slug),
        {"organisation": union.pk, "role": "trade_union", "joined_on": "2020-01-01"},
    )
    assert ok.status_code == 302
    assert Party.objects.filter(covenant=covenant, organisation=union, role=PartyRole.TRADE_UNION).exists()


def test_secretariat_records_a_meeting_with_minutes(client_for, secretariat_user, covenant):
    minutes = SimpleUploadedFile("minutes.txt", b"Minutes.\n", content_type="text/plain")
    response = client_for(secretariat_user).post(
        url("meeting-create", covenant.slug),
        {"held_on": "2025-03-14", "agenda": "Annual plans", "decisions": "", "minutes": minutes},
    )
    assert response.status_code == 302
    assert covenant.meetings.get().minutes_name == "minutes.txt"


def test_meeting_with_a_disguised_file_is_refused_at_the_field(client_for, secretariat_user, covenant):
    fake = SimpleUploadedFile("minutes.pdf", b"\x7fELF\x02\x01\x01binary", content_type="application/pdf")
    response = client_for(secretariat_user).post(
        url("meeting-create", covenant.slug),
        {"held_on": "2025-03-14", "agenda": "Typed agenda", "minutes": fake},
    )
    assert response.status_code == 200
    assert "minutes" in response.context["form"].errors
    assert "Typed agenda" in response.content.decode()


# --- memberships -----------------------------------------------------------------------------------


def test_company_applies_through_the_form(client_for, company_user, covenant):
    data = {"covenant": covenant.pk, **declaration()}
    response = client_for(company_user).post(url("apply"), data)
    membership = Membership.objects.get(company=company_user.organisation)
    assert response.status_code == 302 and response["Location"].endswith(f"/memberships/{membership.pk}/")
    assert membership.status == Membership.Status.APPLIED


def test_apply_form_keeps_what_was_typed_when_the_declaration_is_not_ticked(
    client_for, company_user, covenant
):
    data = {"covenant": covenant.pk, **declaration(contact_name="Typed Name", declaration_accepted="")}
    response = client_for(company_user).post(url("apply"), data)
    assert response.status_code == 200
    assert "declaration_accepted" in response.context["form"].errors
    body = response.content.decode()
    assert 'value="Typed Name"' in body and "Tick the box to accept" in body
    assert not Membership.objects.exists()


def test_apply_to_an_ended_covenant_shows_the_reason_at_the_field(client_for, company_user, covenant):
    Covenant.objects.filter(pk=covenant.pk).update(status=Covenant.Status.ENDED)
    response = client_for(company_user).post(
        url("apply"), {"covenant": covenant.pk, **declaration(contact_name="Kept")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["covenant"] == [
        "This covenant has ended and accepts no new members."
    ]
    assert 'value="Kept"' in response.content.decode()


def test_second_application_is_refused_with_a_message_at_the_field(client_for, company_user, covenant):
    MembershipFactory(covenant=covenant, company=company_user.organisation, active=True)
    response = client_for(company_user).post(url("apply"), {"covenant": covenant.pk, **declaration()})
    assert response.status_code == 200 and "covenant" in response.context["form"].errors


def test_apply_page_offers_only_covenants_the_company_can_join(client_for, company_user, covenant):
    ended = CovenantFactory(status=Covenant.Status.ENDED, name_en="Ended covenant")
    joined = CovenantFactory(name_en="Joined covenant")
    MembershipFactory(covenant=joined, company=company_user.organisation, active=True)
    body = client_for(company_user).get(url("apply")).content.decode()
    assert covenant.name_en in body
    assert ended.name_en not in body and joined.name_en not in body


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.SECRETARIAT, Role.TRADE_UNION])
def test_apply_page_is_404_for_non_companies(client_for, make_user, role):
    assert client_for(make_user(role)).get(url("apply")).status_code == 404


def test_company_sees_only_its_own_memberships(client_for, company_user, other_company_user, covenant):
    own = MembershipFactory(covenant=covenant, company=company_user.organisation)
    other = MembershipFactory(covenant=covenant, company=other_company_user.organisation)
    client = client_for(company_user)
    body = client.get(url("memberships")).content.decode()
    assert url("membership-detail", own.pk) in body and url("membership-detail", other.pk) not in body
    assert client.get(url("membership-detail", own.pk)).status_code == 200
    assert client.get(url("membership-detail", other.pk)).status_code == 404


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION])
def test_membership_pages_are_404_for_other_stakeholders(client_for, make_user, covenant, role):
    membership = MembershipFactory(covenant=covenant)
    client = client_for(make_user(role))
    assert client.get(url("memberships")).status_code == 404
    assert client.get(url("membership-detail", membership.pk)).status_code == 404


def test_company_cannot_decide_even_by_posting(client_for, company_user, covenant):
    membership = MembershipFactory(covenant=covenant, company=company_user.organisation)
    response = client_for(company_user).post(
        url("membership-decide", membership.pk), {"decide-decision": "approve"}
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPLIED


def test_secretariat_approves_in_the_page_and_the_company_is_listed(
    client_for, secretariat_user, company_user, covenant
):
    membership = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    secretariat = client_for(secretariat_user)
    assert company_user.organisation.name in secretariat.get(url("applications")).content.decode()
    response = secretariat.post(
        url("membership-decide", membership.pk),
        {"decide-decision": "approve", "decide-joined_on": "2025-02-01"},
    )
    assert response.status_code == 302
    body = client_for(None).get(url("detail", covenant.slug)).content.decode()
    assert company_user.organisation.name in body and "1 Feb 2025" in body


def test_rejection_without_reasons_keeps_the_form(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant)
    response = client_for(secretariat_user).post(
        url("membership-decide", membership.pk), {"decide-decision": "reject"}
    )
    assert response.status_code == 200
    assert "note" in response.context["decision_form"].errors
    assert 'value="reject" id="id_decide-decision_1" required checked' in response.content.decode() or (
        "checked" in response.content.decode()
    )


def test_secretariat_suspends_reinstates_and_ends_in_the_page(client_for, secretariat_user, covenant):
    membership = MembershipFactory(covenant=covenant, active=True)
    client = client_for(secretariat_user)
    detail = client.get(url("membership-detail", membership.pk))
    assert (
        "suspend_form" in detail.context
        and "end_form" in detail.context
        and "decision_form" not in detail.context
    )

    client.post(
        url("membership-suspend", membership.pk),
        {"suspend-note": "No plan.", "suspend-effective_on": "2025-06-01"},
    )
    client.post(
        url("membership-reinstate", membership.pk),
        {"reinstate-note": "", "reinstate-effective_on": "2025-07-01"},
    )
    bad = client.post(
        url("membership-end", membership.pk),
        {"end-reason": "left", "end-ended_on": "2020-01-01", "end-note": "Typed note"},
    )
    assert bad.status_code == 200 and "ended_on" in bad.context["end_form"].errors
    assert "Typed note" in bad.content.decode()
    client.post(
        url("membership-end", membership.pk),
        {"end-reason": "left", "end-ended_on": "2025-12-31", "end-note": ""},
    )

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED
    assert list(membership.events.values_list("to_status", flat=True)) == ["suspended", "active", "ended"]


# --- cycles ----------------------------------------------------------------------------------------


def test_cycle_form_refuses_a_deadline_outside_the_cycle_at_the_field(client_for, secretariat_user, covenant):
    data = {
        "covenant": covenant.pk,
        "year": 2026,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "self_assessment_due": "2026-03-31",
        "locations_due": "2026-05-31",
        "review_due": "2026-06-30",
        "list_publication_due": "2026-07-04",
        "annual_report_due": "2027-02-01",
    }
    response = client_for(secretariat_user).post(url("cycle-create"), data)
    assert response.status_code == 200
    assert "annual_report_due" in response.context["form"].errors
    assert 'value="2027-02-01"' in response.content.decode()
    data["annual_report_due"] = "2026-12-15"
    assert client_for(secretariat_user).post(url("cycle-create"), data).status_code == 302


def test_cycle_close_page_explains_pending_reviews(client_for, secretariat_user, covenant):
    from covenants.hooks import register_pending_reviews, unregister_pending_reviews

    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)

    def provider(c):
        return 4

    register_pending_reviews(provider)
    try:
        client = client_for(secretariat_user)
        assert "4 reviews are still pending" in client.get(url("cycle-detail", cycle.pk)).content.decode()
        response = client.post(url("cycle-close", cycle.pk), {})
        assert response.status_code == 200 and "4 review(s) are still pending" in response.content.decode()
        response = client.post(url("cycle-close", cycle.pk), {"force": "on", "reason": "Members left."})
        assert response.status_code == 302
    finally:
        unregister_pending_reviews(provider)
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.CLOSED and cycle.close_forced


def test_secretariat_opens_a_cycle(client_for, secretariat_user, covenant):
    cycle = AnnualCycleFactory(covenant=covenant)
    assert client_for(secretariat_user).post(url("cycle-open", cycle.pk)).status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == AnnualCycle.Status.OPEN


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
    with django_assert_max_num_queries(6):
        assert company.get("/en/dashboard/home/company/").status_code == 200
    with django_assert_max_num_queries(9):
        assert secretariat.get("/en/dashboard/home/secretariat/").status_code == 200


def test_main_navigation_links_to_the_covenants(client):
    assert f'href="{url("list")}"' in client.get("/en/").content.decode()


def test_list_answers_htmx_with_the_table_only(client, covenant):
    response = client.get(url("list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="covenant-table"' in body and "<html" not in body


# --- query budgets ---------------------------------------------------------------------------------

#: List: count, page of covenants (with member counts), their themes. Detail: covenant, themes,
#: parties, members, and for parties the steering group and meetings. Signed-in users add four
#: (session, user, organisation, unread notifications). None of it grows with the data.
LIST_BUDGET = 7
DETAIL_BUDGET = 10


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
    assert response.status_code == 200


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
    names = {m.company.name for m in first.context["members"]} | {
        m.company.name for m in second.context["members"]
    }
    assert len(names) == 130
