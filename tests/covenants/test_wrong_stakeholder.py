"""The wrong stakeholder gets nothing: every action answers 404 to a role that may not use it (with
data that would be valid), and 404 for an object of another covenant or company, even to the
secretariat; nothing changes, nothing is recorded, and no page or count reveals the object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model

from covenants import services
from covenants.models import (
    AnnualCycle,
    Covenant,
    Membership,
    Party,
    PartyRole,
    SteeringGroupMeeting,
    SteeringGroupMember,
)
from portal.accounts.roles import Role
from portal.audit.models import AuditEvent
from tests.factories import OrganisationFactory, user_with_role

from .factories import AnnualCycleFactory, CovenantFactory, MembershipFactory
from .helpers import url

pytestmark = pytest.mark.django_db

WRONG_ROLES = [
    Role.COMPANY,
    Role.COMMITTEE,
    Role.INDUSTRY_ASSOCIATION,
    Role.GOVERNMENT,
    Role.TRADE_UNION,
    Role.NGO,
]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class Scene:
    covenant: Covenant
    other: Covenant
    membership: Membership
    suspended: Membership
    application: Membership
    cycle: AnnualCycle
    open_cycle: AnnualCycle
    party: Party
    seat: SteeringGroupMember
    meeting: SteeringGroupMeeting
    other_party: Party
    other_seat: SteeringGroupMember
    other_meeting: SteeringGroupMeeting


def _governance(secretariat, covenant: Covenant) -> tuple[Party, SteeringGroupMember, SteeringGroupMeeting]:
    party = services.party_add(
        actor=secretariat,
        covenant_id=covenant.pk,
        organisation=OrganisationFactory(kind=Role.NGO, kvk_number=""),
        role=PartyRole.NGO,
        joined_on=date(2022, 1, 1),
    )
    seat = services.steering_member_add(
        actor=secretariat,
        covenant_id=covenant.pk,
        person_name="Seat",
        represents="ngos",
        since=date(2022, 1, 1),
    )
    meeting = services.meeting_create(
        actor=secretariat,
        covenant_id=covenant.pk,
        held_on=date(2024, 3, 1),
        agenda="Original agenda",
        minutes=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    )
    return party, seat, meeting


@pytest.fixture
def scene(covenant, secretariat_user, company_user) -> Scene:
    other = CovenantFactory(secretariat=secretariat_user.organisation, slug="other-covenant")
    party, seat, meeting = _governance(secretariat_user, covenant)
    other_party, other_seat, other_meeting = _governance(secretariat_user, other)
    return Scene(
        covenant=covenant,
        other=other,
        # The company user's own membership: the company may see it but not act on it.
        membership=MembershipFactory(covenant=covenant, company=company_user.organisation, active=True),
        suspended=MembershipFactory(covenant=other, company=company_user.organisation, suspended=True),
        application=MembershipFactory(covenant=covenant, company=OrganisationFactory(kind=Role.COMPANY)),
        cycle=AnnualCycleFactory(covenant=covenant, year=2026),
        open_cycle=AnnualCycleFactory(covenant=other, year=2026, status=AnnualCycle.Status.OPEN),
        party=party,
        seat=seat,
        meeting=meeting,
        other_party=other_party,
        other_seat=other_seat,
        other_meeting=other_meeting,
    )


@dataclass
class Action:
    name: str
    args: Callable[[Scene], tuple[Any, ...]]
    data: Callable[[Scene], dict[str, Any]]
    target: Callable[[Scene], Model]
    fields: tuple[str, ...]


TODAY = date.today().isoformat()
ACTIONS = [
    Action(
        "status",
        lambda s: (s.covenant.slug,),
        lambda s: {"status-to": Covenant.Status.ENDED, "status-note": "End it"},
        lambda s: s.covenant,
        ("status",),
    ),
    Action(
        "edit",
        lambda s: (s.covenant.slug,),
        lambda s: {"name_en": "Renamed", "name_nl": "Hernoemd"},
        lambda s: s.covenant,
        ("name_en",),
    ),
    Action(
        "theme-create",
        lambda s: (s.covenant.slug,),
        lambda s: {"theme-name_en": "New theme", "theme-name_nl": "Nieuw thema"},
        lambda s: s.covenant,
        ("updated_at",),
    ),
    Action(
        "party-end",
        lambda s: (s.covenant.slug, s.party.pk),
        lambda s: {"left_on": TODAY},
        lambda s: s.party,
        ("left_on",),
    ),
    Action(
        "steering-member-end",
        lambda s: (s.covenant.slug, s.seat.pk),
        lambda s: {"until": TODAY},
        lambda s: s.seat,
        ("until",),
    ),
    Action(
        "meeting-edit",
        lambda s: (s.covenant.slug, s.meeting.pk),
        lambda s: {"held_on": "2024-03-01", "agenda": "Changed agenda", "decisions": "Changed"},
        lambda s: s.meeting,
        ("agenda", "decisions"),
    ),
    Action(
        "membership-decide",
        lambda s: (s.application.pk,),
        lambda s: {"decide-decision": "approve", "decide-joined_on": TODAY, "decide-note": ""},
        lambda s: s.application,
        ("status",),
    ),
    Action(
        "membership-suspend",
        lambda s: (s.membership.pk,),
        lambda s: {"suspend-note": "Suspended", "suspend-effective_on": TODAY},
        lambda s: s.membership,
        ("status",),
    ),
    Action(
        "membership-reinstate",
        lambda s: (s.suspended.pk,),
        lambda s: {"reinstate-note": "Back", "reinstate-effective_on": TODAY},
        lambda s: s.suspended,
        ("status",),
    ),
    Action(
        "membership-end",
        lambda s: (s.membership.pk,),
        lambda s: {"end-reason": "left", "end-ended_on": TODAY, "end-note": ""},
        lambda s: s.membership,
        ("status",),
    ),
    Action("cycle-open", lambda s: (s.cycle.pk,), lambda s: {}, lambda s: s.cycle, ("status",)),
    Action(
        "cycle-close",
        lambda s: (s.open_cycle.pk,),
        lambda s: {"force": "on", "reason": "Closing"},
        lambda s: s.open_cycle,
        ("status",),
    ),
]


def _snapshot(obj: Model, fields: tuple[str, ...]) -> tuple[Any, ...]:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return tuple(getattr(fresh, field) for field in fields)


@pytest.mark.parametrize("role", WRONG_ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_a_wrong_role_gets_404_and_changes_nothing(client_for, make_user, company_user, scene, role, action):
    # The company column is the company whose own membership is at stake.
    user = company_user if role == Role.COMPANY else make_user(role)
    target = action.target(scene)
    before = _snapshot(target, action.fields)
    audits = AuditEvent.objects.count()
    response = client_for(user).post(url(action.name, *action.args(scene)), action.data(scene))
    assert response.status_code == 404
    assert _snapshot(target, action.fields) == before
    assert AuditEvent.objects.count() == audits
    assert scene.covenant.name_en not in response.content.decode()


OTHER_COVENANT = [
    (
        "party-end",
        lambda s: (s.covenant.slug, s.other_party.pk),
        {"left_on": TODAY},
        "other_party",
        ("left_on",),
    ),
    (
        "steering-member-end",
        lambda s: (s.covenant.slug, s.other_seat.pk),
        {"until": TODAY},
        "other_seat",
        ("until",),
    ),
    (
        "meeting-edit",
        lambda s: (s.covenant.slug, s.other_meeting.pk),
        {"held_on": "2024-03-01", "agenda": "Changed agenda"},
        "other_meeting",
        ("agenda",),
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "data", "attr", "fields"), OTHER_COVENANT, ids=[o[0] for o in OTHER_COVENANT]
)
def test_an_object_of_another_covenant_is_404_even_for_the_secretariat(
    client_for, secretariat_user, scene, name, args, data, attr, fields
):
    target = getattr(scene, attr)
    before = _snapshot(target, fields)
    client = client_for(secretariat_user)
    assert client.get(url(name, *args(scene))).status_code in (404, 405)
    assert client.post(url(name, *args(scene)), data).status_code == 404
    assert _snapshot(target, fields) == before


def test_minutes_of_another_covenants_meeting_are_404_for_a_party(
    client_for, scene, ngo_user, secretariat_user
):
    services.party_add(
        actor=secretariat_user,
        covenant_id=scene.covenant.pk,
        organisation=ngo_user.organisation,
        role=PartyRole.NGO,
        joined_on=date(2022, 1, 1),
    )
    client = client_for(ngo_user)
    own = client.get(url("meeting-minutes", scene.covenant.slug, scene.meeting.pk))
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF")
    assert client.get(url("meeting-minutes", scene.covenant.slug, scene.other_meeting.pk)).status_code == 404
    assert client.get(url("meeting-minutes", scene.other.slug, scene.other_meeting.pk)).status_code == 404


def test_a_company_gets_404_for_another_companys_membership_and_no_count(
    client_for, scene, other_company_user, company_user
):
    foreign = MembershipFactory(covenant=scene.covenant, company=other_company_user.organisation, active=True)
    client = client_for(company_user)
    assert client.get(url("membership-detail", foreign.pk)).status_code == 404
    assert client.get(f"/api/v1/memberships/{foreign.pk}/").status_code == 404
    page = client.get(url("memberships")).content.decode()
    assert other_company_user.organisation.name not in page
    listing = client.get("/api/v1/memberships/").json()
    own = Membership.objects.filter(company=company_user.organisation).count()
    assert listing["count"] == own
    assert {m["id"] for m in listing["results"]} == set(
        Membership.objects.filter(company=company_user.organisation).values_list("pk", flat=True)
    )


def test_a_seat_holder_of_one_covenant_sees_no_meeting_of_another(client_for, scene, secretariat_user):
    holder = user_with_role(Role.TRADE_UNION)
    services.steering_member_add(
        actor=secretariat_user,
        covenant_id=scene.covenant.pk,
        person_name="Holder",
        represents="trade_unions",
        since=date(2022, 1, 1),
        user=holder,
    )
    client = client_for(holder)
    assert client.get(url("meeting-minutes", scene.covenant.slug, scene.meeting.pk)).status_code == 200
    assert client.get(url("meeting-minutes", scene.other.slug, scene.other_meeting.pk)).status_code == 404
    other_page = client.get(url("detail", scene.other.slug)).content.decode()
    assert "Original agenda" not in other_page
