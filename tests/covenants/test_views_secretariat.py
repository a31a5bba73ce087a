"""The secretariat's covenant screens, and who else gets 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from covenants.models import Covenant, Party, PartyRole
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory

from .factories import (
    CovenantFactory,
)
from .helpers import url

pytestmark = pytest.mark.django_db


# --- secretariat screens ---------------------------------------------------------------------------

#: (URL name, arguments, the page's main heading)
SECRETARIAT_PAGES = [
    ("manage", (), "Manage covenants"),
    ("create", (), "New covenant"),
    ("applications", (), "Membership applications"),
    ("cycles", (), "Annual cycles"),
    ("cycle-create", (), "Plan an annual cycle"),
    ("edit", ("garments",), "Edit Garments"),
    ("parties", ("garments",), "Parties of Garments"),
    ("governance", ("garments",), "Governance of Garments"),
    ("meeting-create", ("garments",), "Record a meeting"),
]


@pytest.mark.parametrize(
    ("name", "args", "heading"), SECRETARIAT_PAGES, ids=[p[0] for p in SECRETARIAT_PAGES]
)
def test_secretariat_screens_open_for_the_secretariat(
    client_for, secretariat_user, covenant, name, args, heading
):
    response = client_for(secretariat_user).get(url(name, *args))
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION, Role.COMMITTEE])
@pytest.mark.parametrize(
    ("name", "args"), [p[:2] for p in SECRETARIAT_PAGES], ids=[p[0] for p in SECRETARIAT_PAGES]
)
def test_secretariat_screens_are_404_for_other_roles(client_for, make_user, covenant, role, name, args):
    assert client_for(make_user(role)).get(url(name, *args)).status_code == 404


@pytest.mark.parametrize(
    ("name", "args"), [p[:2] for p in SECRETARIAT_PAGES], ids=[p[0] for p in SECRETARIAT_PAGES]
)
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
