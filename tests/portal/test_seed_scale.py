"""`manage.py seed_scale`: the asked-for numbers, skewed the way covenant landscapes are, once only."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from companies.models import ProductionLocation, SupplyLink
from complaints.models import Complaint, StageRecord
from covenants.models import Membership
from duediligence.models import Action, Assessment, Risk
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.core.scale_data import SCALE_PREFIX, skewed_counts

pytestmark = pytest.mark.django_db


def test_skewed_counts_add_up_and_concentrate() -> None:
    counts = skewed_counts(100_000, 1000, random.Random(1), least=5)
    assert sum(counts) == 100_000
    assert min(counts) >= 5
    top = sorted(counts, reverse=True)
    assert sum(top[:200]) > 0.5 * 100_000  # a fifth of the buyers hold most of the locations
    assert top[0] < 0.05 * 100_000  # and no single buyer holds them all
    assert skewed_counts(10, 0, random.Random(1)) == []
    assert sum(skewed_counts(3, 10, random.Random(1), least=1)) == 3


def test_seed_scale_adds_the_numbers_once() -> None:
    call_command("seed_demo", stdout=StringIO())
    before = {model: model.objects.count() for model in (ProductionLocation, Complaint, User)}
    out = StringIO()
    sizes = ["--companies", "30", "--locations", "900", "--complaints", "120", "--users", "100"]
    call_command("seed_scale", *sizes, stdout=out)
    assert "Scale data ready" in out.getvalue()

    companies = Organisation.objects.filter(kind=Role.COMPANY, name__startswith=SCALE_PREFIX)
    assert companies.count() == 30
    assert User.objects.count() - before[User] == 100
    assert not companies.filter(users=None).exists()  # every company has a contact
    assert ProductionLocation.objects.count() - before[ProductionLocation] == 900
    assert Complaint.objects.count() - before[Complaint] == 120
    scale_links = SupplyLink.objects.filter(company__in=companies)
    assert scale_links.values("location").distinct().count() == 900
    # Every link is to a covenant the company is (or was) a member of.
    members = set(Membership.objects.filter(company__in=companies).values_list("company_id", "covenant_id"))
    assert set(scale_links.values_list("company_id", "covenant_id")) <= members
    assert Membership.objects.filter(company__in=companies, covenant__slug="garments-textile").count() >= 10
    per_company = sorted(scale_links.values("company").annotate(n=Count("id")).values_list("n", flat=True))
    assert per_company[-1] > 3 * per_company[len(per_company) // 2]  # a few large buyers
    cases = Complaint.objects.filter(reference__startswith="SC-")
    assert (
        cases.filter(anonymous=True).exclude(receipt_digest="").count()
        == cases.filter(anonymous=True).count()
    )
    running = [c for c in cases if c.status not in {"closed", "settled", "inadmissible", "withdrawn"}]
    assert StageRecord.objects.filter(complaint__in=cases).count() == len(running) > 0
    assert Assessment.objects.filter(company__in=companies).exists()
    assert (
        Risk.objects.filter(company__in=companies).count()
        >= 2 * Membership.objects.filter(company__in=companies, status="active").count()
        > 0
    )
    assert (
        Action.objects.filter(company__in=companies).count()
        >= Risk.objects.filter(company__in=companies).count()
    )

    counts = {model: model.objects.count() for model in (ProductionLocation, Complaint, User, Risk)}
    again = StringIO()
    call_command("seed_scale", *sizes, stdout=again)
    assert "already there" in again.getvalue()
    assert counts == {model: model.objects.count() for model in (ProductionLocation, Complaint, User, Risk)}


def test_seed_scale_refuses_production_settings(settings) -> None:
    from django.core.management.base import CommandError

    settings.SETTINGS_MODULE = "portal.settings.production"
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_scale", "--companies", "1", stdout=StringIO())
