"""seed_demo adds the demo covenants, and running it twice gives the same data."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from covenants.models import (
    AnnualCycle,
    Covenant,
    Membership,
    MembershipEvent,
    Party,
    RiskTheme,
    SteeringGroupMeeting,
    SteeringGroupMember,
)
from portal.accounts.models import User

pytestmark = pytest.mark.django_db

MODELS = [
    Covenant,
    Party,
    Membership,
    MembershipEvent,
    RiskTheme,
    SteeringGroupMember,
    SteeringGroupMeeting,
    AnnualCycle,
]


def seed() -> dict[str, int]:
    call_command("seed_demo", stdout=io.StringIO())
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_is_idempotent():
    assert seed() == seed()


def test_demo_covenants_model_the_real_sectors():
    seed()
    covenants = {c.slug: c for c in Covenant.objects.all()}
    assert set(covenants) == {
        "garments-textile",
        "banking",
        "gold",
        "natural-stone",
        "food-products",
        "metals",
    }
    for covenant in covenants.values():
        assert "(demo)" in covenant.name_en and "(demo)" in covenant.name_nl
        assert covenant.themes.exists()
    assert covenants["banking"].status == Covenant.Status.ENDED
    assert covenants["gold"].own_themes.exists()


def test_demo_garments_covenant_has_members_an_application_an_ended_membership_and_an_open_cycle():
    seed()
    garments = Covenant.objects.get(slug="garments-textile")
    active = set(garments.memberships.filter(status="active").values_list("company__name", flat=True))
    assert {"Demo Textiles B.V.", "Voorbeeld Mode B.V."} <= active
    assert garments.memberships.filter(status="applied").count() == 1
    assert garments.memberships.filter(status="ended", end_reason="left").count() == 1
    parties = set(garments.parties.values_list("organisation__name", flat=True))
    assert {
        "SER IMVO-secretariaat (demo)",
        "Stichting Eerlijke Keten (demo)",
        "Demo Textiles B.V.",
    } <= parties
    cycle = garments.cycles.get(year=timezone.localdate().year)
    assert cycle.status == AnnualCycle.Status.OPEN
    assert garments.meetings.exclude(minutes="").exists()


def test_every_demo_page_renders_for_the_secretariat_and_the_company(client_for):
    seed()
    secretariat = client_for(User.objects.get(email="secretariat@demo.example"))
    company_user = User.objects.get(email="company@demo.example")
    company = client_for(company_user)
    with translation.override("en"):
        pages = [reverse("covenants:list"), reverse("covenants:manage"), reverse("covenants:cycles")]
        for covenant in Covenant.objects.all():
            for name in ["detail", "edit", "parties", "governance"]:
                pages.append(reverse(f"covenants:{name}", args=[covenant.slug]))
        pages += [reverse("covenants:membership-detail", args=[m.pk]) for m in Membership.objects.all()]
        pages += [reverse("covenants:cycle-detail", args=[c.pk]) for c in AnnualCycle.objects.all()]
        own = [
            reverse("covenants:membership-detail", args=[m.pk])
            for m in Membership.objects.filter(company=company_user.organisation)
        ]
    # Every page renders its own heading (not an error page, not an empty frame).
    for page in pages:
        response = secretariat.get(page)
        assert response.status_code == 200 and b"<h1>" in response.content, page
        assert b"<h1></h1>" not in response.content, page
    for page in [*own, "/en/covenants/memberships/", "/en/covenants/memberships/apply/"]:
        response = company.get(page)
        assert response.status_code == 200 and b"<h1>" in response.content, page
    assert "<h1>My memberships</h1>" in company.get("/en/covenants/memberships/").content.decode()
