"""The admin is no back door around the covenant services: it reads, it does not write. Statuses,
closed cycles, memberships, parties and steering seats (with their guardian grants) stay as they are
whatever a superuser posts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from covenants.models import AnnualCycle, Covenant, Membership, Party, SteeringGroupMember
from portal.accounts.models import User
from portal.accounts.roles import Role
from tests.factories import user_with_role

from .factories import AnnualCycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser(email="root@example.test", password="x-long-pass-1"))
    return client


def admin_url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def _inline_management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_covenant_cannot_be_changed_nor_its_status(admin_client, covenant):
    url = admin_url("covenants_covenant_change", covenant.pk)
    response = admin_client.post(url, {"name_en": "Hijacked", "status": Covenant.Status.ENDED})
    assert response.status_code == 403
    covenant.refresh_from_db()
    assert (covenant.name_en, covenant.status) == ("Garments", Covenant.Status.ACTIVE)
    assert b'name="name_en"' not in admin_client.get(url).content


def test_steering_group_inlines_cannot_add_a_seat_that_skips_the_grant(admin_client, covenant):
    outsider = user_with_role(Role.NGO)
    data = {
        "name_en": covenant.name_en,
        **_inline_management("parties", 1, 0),
        "parties-0-organisation": outsider.organisation.pk,
        "parties-0-role": "ngo",
        "parties-0-joined_on": "2024-01-01",
        **_inline_management("steering_group", 1, 0),
        "steering_group-0-person_name": "Back door",
        "steering_group-0-represents": "ngos",
        "steering_group-0-user": outsider.pk,
        "steering_group-0-since": "2024-01-01",
    }
    admin_client.post(admin_url("covenants_covenant_change", covenant.pk), data)
    assert not SteeringGroupMember.objects.filter(covenant=covenant).exists()
    assert not Party.objects.filter(covenant=covenant).exists()
    page = admin_client.get(admin_url("covenants_covenant_change", covenant.pk)).content
    assert b'name="steering_group-__prefix__-person_name"' not in page  # no "add another" form
    assert b'name="parties-__prefix__-organisation"' not in page


def test_a_closed_cycle_cannot_be_edited(admin_client, covenant):
    cycle = AnnualCycleFactory(covenant=covenant, year=2024, status=AnnualCycle.Status.CLOSED)
    response = admin_client.post(
        admin_url("covenants_annualcycle_change", cycle.pk),
        {
            "covenant": covenant.pk,
            "year": 2030,
            "self_assessment_due": "2030-05-01",
            "review_due": "2030-09-01",
        },
    )
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert (cycle.year, cycle.status) == (2024, AnnualCycle.Status.CLOSED)
    delete = admin_client.post(admin_url("covenants_annualcycle_delete", cycle.pk), {"post": "yes"})
    assert delete.status_code == 403
    assert AnnualCycle.objects.filter(pk=cycle.pk).exists()


def test_a_memberships_status_cannot_be_changed(admin_client, active):
    response = admin_client.post(
        admin_url("covenants_membership_change", active.pk),
        {"status": Membership.Status.ENDED, "contact_name": "Someone else"},
    )
    assert response.status_code == 403
    active.refresh_from_db()
    assert active.status == Membership.Status.ACTIVE
    assert active.contact_name != "Someone else"


def test_nothing_is_added_through_the_admin(admin_client):
    for model in ("covenant", "membership", "annualcycle", "steeringgroupmeeting", "risktheme"):
        assert admin_client.get(admin_url(f"covenants_{model}_add")).status_code == 403, model


def test_the_admin_still_shows_the_rows(admin_client, active):
    body = admin_client.get(admin_url("covenants_membership_changelist")).content.decode()
    assert active.company.name in body
