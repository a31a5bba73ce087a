"""The secretariat's covenant dashboard on a small worked dataset with known answers, each figure
linking to its list, in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from complaints.status import CaseStatus
from covenants.models import AnnualCycle, Membership
from duediligence.models import Action, Assessment, Risk
from portal.dashboards.secretariat import covenant_dashboard
from tests.companies.factories import LocationFactory, SupplyLinkFactory
from tests.complaints.helpers import Cast, file_complaint
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _world() -> Cast:
    cast = Cast()  # one active member with a complaint (received) and an assigned committee member
    covenant = cast.covenant
    MembershipFactory(covenant=covenant, active=True)  # a second active member, joined in 2021
    MembershipFactory(covenant=covenant, status=Membership.Status.APPLIED)
    MembershipFactory(covenant=covenant, ended=True)  # ended in 2023
    joined = MembershipFactory(covenant=covenant, active=True)
    Membership.objects.filter(pk=joined.pk).update(joined_on=date(YEAR, 2, 1))
    cycle = AnnualCycleFactory(covenant=covenant, year=YEAR, status=AnnualCycle.Status.OPEN)
    cast.cycle = cycle
    risk = Risk.objects.create(company=cast.company, theme=covenant.themes.first(), title="Wages", involvement="linked",
                               scale=2, scope=2, irremediable=1, likelihood=2).rank()  # fmt: skip
    risk.save()
    today = timezone.localdate()
    Action.objects.create(
        company=cast.company, risk=risk, title="On time", owner="x", due_on=today + timedelta(days=9)
    )
    Action.objects.create(
        company=cast.company, risk=risk, title="Late", owner="x", due_on=today - timedelta(days=9)
    )
    Action.objects.create(
        company=cast.company, risk=risk, title="Done", owner="x", due_on=today, status="done"
    )
    SupplyLinkFactory(company=cast.company, covenant=covenant, location=LocationFactory(country="BD"))
    SupplyLinkFactory(company=cast.company, covenant=covenant, location=LocationFactory(country="BD"))
    SupplyLinkFactory(company=cast.company, covenant=covenant, location=LocationFactory(country="IN"))
    file_complaint(covenant, company=cast.company)
    cast.move_to(CaseStatus.ADMISSIBILITY)
    return cast


def test_the_figures_of_a_worked_example():
    cast = _world()
    d = covenant_dashboard(cast.covenant, YEAR)
    assert (d.members["active"], d.members["applied"], d.members["joined"], d.members["left"]) == (3, 1, 1, 0)
    assert d.assessments is not None and d.assessments["not_started"] == 3 and d.assessments["total"] == 0
    assert d.actions == {"on_time": 1, "overdue": 1, "done": 1}
    assert d.locations["locations"] == 3 and d.locations["top_countries"] == [("BD", 2), ("IN", 1)]
    by_status = {code: count for code, _label, count in d.complaints["by_status"]}
    assert d.complaints["running"] == 2 and by_status["received"] == 1 and by_status["admissibility"] == 1
    assert d.complaints["filed"] == 2 and d.complaints["overdue"] == 0


def test_an_assessment_moves_the_figures():
    cast = _world()
    Assessment.objects.create(company=cast.company, covenant=cast.covenant, cycle=cast.cycle,
                              framework=_framework(cast), status=Assessment.Status.SUBMITTED)  # fmt: skip
    d = covenant_dashboard(cast.covenant, YEAR)
    assert d.assessments["awaiting_review"] == 1 and d.assessments["not_started"] == 2


def _framework(cast: Cast):
    from duediligence import services
    from duediligence.frameworks.default import DEFAULT_FRAMEWORK

    draft = services.framework_create_from_data(
        actor=cast.secretariat, covenant=cast.covenant, data=dict(DEFAULT_FRAMEWORK)
    )
    return services.framework_publish(actor=cast.secretariat, framework_id=draft.pk)


def test_the_page_links_each_figure_and_costs_a_fixed_number_of_queries():
    cast = _world()
    client = Client()
    client.force_login(cast.secretariat)
    url = f"/en/dashboards/covenants/{cast.covenant.slug}/"
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert f"/en/complaints/?covenant={cast.covenant.pk}&amp;status=received" in html
    assert "/en/covenants/memberships/?status=active" in html
    for _ in range(5):
        file_complaint(cast.covenant, company=cast.company)
        MembershipFactory(covenant=cast.covenant, active=True)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large) <= 17
    other = Client()
    other.force_login(cast.committee)
    assert other.get(url).status_code == 404


def test_the_charts_draw_the_figures_of_their_tables():
    cast = _world()
    d = covenant_dashboard(cast.covenant, YEAR)
    assert [(bar.label, bar.value) for bar in d.country_chart.bars] == [("BD", 2), ("IN", 1)]
    assert {bar.value for bar in d.complaint_chart.bars} >= {1}
    client = Client()
    client.force_login(cast.secretariat)
    html = client.get(f"/en/dashboards/covenants/{cast.covenant.slug}/").content.decode()
    assert 'aria-labelledby="stages-chart-title complaints-summary"' in html and "<svg" in html


def test_the_risk_picture_counts_companies_per_theme_and_country():
    cast = _world()
    other = MembershipFactory(covenant=cast.covenant, active=True).company
    theme = cast.covenant.themes.first()
    for company, countries, scale in ((cast.company, ["BD", "PK"], 4), (other, ["BD"], 1)):
        risk = Risk(company=company, theme=theme, title="Wages", involvement="linked", countries=countries,
                    scale=scale, scope=2, irremediable=1, likelihood=2).rank()  # fmt: skip
        risk.save()
    picture = covenant_dashboard(cast.covenant, YEAR).risks
    assert picture["countries"][0] == "BD"
    cells = dict(zip(picture["countries"], dict(picture["rows"])[theme.name], strict=True))
    assert cells["BD"][0] == 2 and cells["PK"][0] == 1
    assert (
        cells["BD"][1] == Risk.objects.filter(company=cast.company, countries__contains="PK").get().priority
    )
