"""A covenant with a year of figures for the annual report tests."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from covenants.models import Membership
from portal.reports import services
from tests.companies.factories import LocationFactory, SupplyLinkFactory
from tests.complaints.helpers import Cast
from tests.covenants.factories import MembershipFactory
from tests.dashboards.test_secretariat import _world

YEAR = timezone.localdate().year


def report_world(members: int = 0) -> Cast:
    """The dashboards' worked example, with `members` more active members (each with a location)."""
    cast = _world()
    for index in range(members):
        membership = MembershipFactory(covenant=cast.covenant, active=True)
        Membership.objects.filter(pk=membership.pk).update(
            joined_on=timezone.localdate().replace(month=1, day=1)
        )
        SupplyLinkFactory(
            company=membership.company,
            covenant=cast.covenant,
            location=LocationFactory(country=("BD", "IN", "TR")[index % 3]),
        )
    return cast


def make_report(cast: Cast, capture: Any, *, language: str = "en", year: int = YEAR):
    with capture(execute=True):
        report, job = services.report_request(
            actor=cast.secretariat, covenant=cast.covenant, year=year, language=language
        )
    report.refresh_from_db()
    job.refresh_from_db()
    return report, job
