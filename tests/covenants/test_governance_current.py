"""One rule for "current" parties, steering seats and memberships, and the governance fixes that
depend on it: a party ended on a future date cannot be added twice, a seat ended on a future date keeps
its access until that date, and steering-seat holders see a covenant in negotiation."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from covenants import selectors, services
from covenants.models import Covenant, Membership, Party, PartyRole, SteeringGroupMember
from portal.accounts.roles import Role
from tests.factories import user_with_role

from .factories import CovenantFactory, declaration
from .helpers import url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = timedelta(days=1)


def _ngo_party(covenant, secretariat_user, ngo_user, joined_on=date(2021, 1, 1)) -> Party:
    return services.party_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        organisation=ngo_user.organisation,
        role=PartyRole.NGO,
        joined_on=joined_on,
    )


# --- the queryset methods --------------------------------------------------------------------------


def test_party_current_on_a_date(covenant, secretariat_user, ngo_user):
    party = _ngo_party(covenant, secretariat_user, ngo_user)
    services.party_end(actor=secretariat_user, party_id=party.pk, left_on=TODAY + 10 * DAY)
    assert list(Party.objects.current()) == [party]
    assert list(Party.objects.current(on=TODAY + 10 * DAY)) == [party]
    assert not Party.objects.current(on=TODAY + 11 * DAY).exists()


def test_steering_seat_current_on_a_date(covenant, secretariat_user):
    seat = services.steering_member_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        person_name="A",
        represents="ngos",
        since=date(2024, 1, 1),
    )
    services.steering_member_end(actor=secretariat_user, member_id=seat.pk, until=TODAY + 5 * DAY)
    assert list(SteeringGroupMember.objects.current()) == [seat]
    assert not SteeringGroupMember.objects.current(on=TODAY + 6 * DAY).exists()


def test_membership_current_today_and_on_a_date(active, secretariat_user):
    assert list(Membership.objects.current()) == [active]
    assert not Membership.objects.current(on=date(2025, 1, 31)).exists()  # before joining
    services.membership_end(
        actor=secretariat_user, membership_id=active.pk, reason="left", ended_on=date(2025, 6, 30)
    )
    assert not Membership.objects.current().exists()
    assert Membership.objects.current(on=date(2025, 6, 30)).get() == active
    assert not Membership.objects.current(on=date(2025, 7, 1)).exists()


COVENANT_CODE = Path(__file__).resolve().parents[2] / "covenants"
HAND_WRITTEN_CURRENT = re.compile(r"left_on__(gte|isnull=True)|until__(gte|isnull=True)|memberships__status=")


def test_current_is_computed_only_by_the_querysets():
    """Every place that needs "current" calls the queryset method; only models/ may spell it out."""
    offenders = [
        f"{path.relative_to(COVENANT_CODE.parent)}:{number}"
        for path in COVENANT_CODE.rglob("*.py")
        if "models" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HAND_WRITTEN_CURRENT.search(line) and "APPLIED" not in line
    ]
    assert offenders == []


# --- parties ---------------------------------------------------------------------------------------


def test_a_party_ended_on_a_future_date_cannot_be_added_again_before_that_date(
    covenant, secretariat_user, ngo_user
):
    party = _ngo_party(covenant, secretariat_user, ngo_user)
    services.party_end(actor=secretariat_user, party_id=party.pk, left_on=TODAY + 30 * DAY)
    with pytest.raises(ValidationError) as excinfo:
        _ngo_party(covenant, secretariat_user, ngo_user, joined_on=TODAY)
    assert "joined_on" in excinfo.value.message_dict
    assert Party.objects.current().filter(covenant=covenant).count() == 1
    # From the day after it leaves, it may join again: still one current row on every day.
    again = _ngo_party(covenant, secretariat_user, ngo_user, joined_on=TODAY + 31 * DAY)
    for day in (TODAY, TODAY + 30 * DAY, TODAY + 31 * DAY, TODAY + 400 * DAY):
        current = Party.objects.current(on=day).filter(covenant=covenant, joined_on__lte=day)
        assert current.count() == 1, day
    assert again.left_on is None


def test_the_party_add_form_shows_the_error_at_the_field(client_for, covenant, secretariat_user, ngo_user):
    party = _ngo_party(covenant, secretariat_user, ngo_user)
    services.party_end(actor=secretariat_user, party_id=party.pk, left_on=TODAY + 30 * DAY)
    response = client_for(secretariat_user).post(
        url("parties", covenant.slug),
        {"organisation": ngo_user.organisation.pk, "role": PartyRole.NGO, "joined_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "This organisation is a party until" in response.content.decode()
    assert Party.objects.filter(covenant=covenant, organisation=ngo_user.organisation).count() == 1


def test_a_company_approved_again_before_its_old_party_row_ends_stays_one_party(
    active, secretariat_user, company_user
):
    services.membership_end(
        actor=secretariat_user, membership_id=active.pk, reason="left", ended_on=TODAY + 20 * DAY
    )
    again = services.membership_apply(actor=company_user, covenant_id=active.covenant_id, **declaration())
    services.membership_approve(actor=secretariat_user, membership_id=again.pk, joined_on=TODAY)
    rows = Party.objects.current(on=TODAY + 21 * DAY).filter(organisation=company_user.organisation)
    assert rows.count() == 1
    assert Party.objects.current().filter(organisation=company_user.organisation).count() == 1


# --- steering seats --------------------------------------------------------------------------------


def _seat(covenant, secretariat_user, user, since=date(2024, 1, 1)) -> SteeringGroupMember:
    return services.steering_member_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        person_name="Seat holder",
        represents="trade_unions",
        since=since,
        user=user,
    )


def _sees_governance(user, covenant: Covenant) -> bool:
    return bool(selectors.covenant_get_for(user, covenant.slug).can_see_governance)


def test_a_seat_ended_on_a_future_date_keeps_access_until_that_date(covenant, secretariat_user, union_user):
    seat = _seat(covenant, secretariat_user, union_user)
    assert _sees_governance(union_user, covenant)
    services.steering_member_end(actor=secretariat_user, member_id=seat.pk, until=TODAY + 7 * DAY)
    union_user = type(union_user).objects.get(pk=union_user.pk)
    assert union_user.has_perm("covenants.view_governance", covenant)
    assert _sees_governance(union_user, covenant)
    # The date passes (the daily sweep has not run yet): the access query already says no.
    SteeringGroupMember.objects.filter(pk=seat.pk).update(until=TODAY - DAY)
    assert not _sees_governance(union_user, covenant)
    # The daily sweep then removes the grant itself.
    assert services.steering_grants_expire() == 1
    union_user = type(union_user).objects.get(pk=union_user.pk)
    assert not union_user.has_perm("covenants.view_governance", covenant)
    assert services.steering_grants_expire() == 0


def test_the_sweep_keeps_the_grant_of_a_current_seat(covenant, secretariat_user, union_user):
    _seat(covenant, secretariat_user, union_user)
    assert services.steering_grants_expire() == 0
    assert _sees_governance(union_user, covenant)


def test_steering_seat_holders_see_a_covenant_in_negotiation(client_for, secretariat_user, union_user):
    covenant = CovenantFactory(
        secretariat=secretariat_user.organisation, status=Covenant.Status.NEGOTIATION, slug="in-talks"
    )
    outsider = user_with_role(Role.TRADE_UNION)
    assert client_for(union_user).get(url("detail", covenant.slug)).status_code == 404
    seat = _seat(covenant, secretariat_user, union_user)
    assert covenant in selectors.covenant_visible_for(union_user)
    response = client_for(union_user).get(url("detail", covenant.slug))
    assert response.status_code == 200
    assert covenant.name_en in response.content.decode()
    assert client_for(outsider).get(url("detail", covenant.slug)).status_code == 404
    SteeringGroupMember.objects.filter(pk=seat.pk).update(until=TODAY - DAY)
    assert client_for(union_user).get(url("detail", covenant.slug)).status_code == 404


def test_a_chair_ending_on_a_future_date_can_be_followed_from_the_day_after(covenant, secretariat_user):
    chair = services.steering_member_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        person_name="Old chair",
        represents="independent",
        since=date(2024, 1, 1),
        is_chair=True,
    )
    services.steering_member_end(actor=secretariat_user, member_id=chair.pk, until=TODAY + 10 * DAY)
    with pytest.raises(ValidationError):
        services.steering_member_add(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            person_name="Too early",
            represents="independent",
            since=TODAY,
            is_chair=True,
        )
    services.steering_member_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        person_name="New chair",
        represents="independent",
        since=TODAY + 11 * DAY,
        is_chair=True,
    )
