"""The score distribution per OECD step: a company's step score is the weighted average of its section
scores in the step (the reviewer's where given), counted per band over the accepted self-assessments;
government sees it with small bands suppressed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from duediligence.figures import step_scores
from duediligence.models import Assessment, SectionScore
from portal.accounts.roles import Role
from portal.dashboards.government import government_dashboard
from tests.covenants.factories import MembershipFactory
from tests.factories import user_with_role

from .test_secretariat import YEAR, _english, _framework, _world  # noqa: F401

pytestmark = pytest.mark.django_db


def _accepted(cast, company, framework, scores: dict[str, tuple[str | None, str | None]], status="accepted"):
    assessment = Assessment.objects.create(
        company=company, covenant=cast.covenant, cycle=cast.cycle, framework=framework, status=status
    )
    sections = {section.code: section for section in framework.sections.all()}
    for code, (proposed, score) in scores.items():
        SectionScore.objects.create(
            assessment=assessment,
            section=sections[code],
            proposed=None if proposed is None else Decimal(proposed),
            score=None if score is None else Decimal(score),
        )
    return assessment


def _step_sections(framework, step: int):
    return list(framework.sections.filter(step=step).order_by("position"))


def test_the_step_score_is_the_weighted_section_average_counted_per_band():
    cast = _world()
    framework = _framework(cast)
    first, *rest = _step_sections(framework, 3)
    assert rest, "the default framework has several sections in step 3"
    second = rest[0]
    first.weight, second.weight = 3, 1
    first.save(update_fields=["weight"])
    second.save(update_fields=["weight"])
    embed = _step_sections(framework, 1)[0]
    other = MembershipFactory(covenant=cast.covenant, active=True).company
    # (80*3 + 0*1) / 4 = 60 -> band 50-74; the reviewer's 20 replaces the computed 100 for the second.
    _accepted(
        cast,
        cast.company,
        framework,
        {first.code: ("80", None), second.code: ("100", "0"), embed.code: ("10", None)},
    )
    _accepted(
        cast,
        other,
        framework,
        {first.code: ("100", None), second.code: ("100", None), embed.code: ("30", None)},
    )
    draft = MembershipFactory(covenant=cast.covenant, active=True).company
    _accepted(cast, draft, framework, {first.code: ("0", None)}, status="submitted")  # not counted
    by_step = {row["step"]: row for row in step_scores(cast.cycle)}
    assert by_step[3]["companies"] == 2
    assert by_step[3]["bands"] == [("0-24", 0), ("25-49", 0), ("50-74", 1), ("75-100", 1)]
    assert by_step[3]["average"] == Decimal("80.0")
    assert by_step[1]["bands"] == [("0-24", 1), ("25-49", 1), ("50-74", 0), ("75-100", 0)]
    assert by_step[6]["companies"] == 0 and by_step[6]["average"] is None
    assert len(by_step) == 6


def test_the_dashboard_shows_and_exports_them_and_government_sees_small_bands_suppressed(settings):
    settings.PORTAL_DISCLOSURE_THRESHOLD = 3
    cast = _world()
    framework = _framework(cast)
    embed = _step_sections(framework, 1)[0]
    companies = [cast.company] + [
        MembershipFactory(covenant=cast.covenant, active=True).company for _ in range(3)
    ]
    for company, value in zip(companies, ("90", "95", "80", "10"), strict=True):
        _accepted(cast, company, framework, {embed.code: (value, None)})
    client = Client()
    client.force_login(cast.secretariat)
    page = client.get(f"/en/dashboards/covenants/{cast.covenant.slug}/?year={YEAR}").content.decode()
    assert "Scores per OECD step" in page and "1. Embed responsible business conduct" in page
    assert f"Average {YEAR - 1}" not in page  # no cycle last year: no column for it
    csv = b"".join(
        client.get(f"/en/dashboards/covenants/{cast.covenant.slug}/steps.csv?year={YEAR}").streaming_content
    )
    assert "1. Embed responsible business conduct,1,0,0,3,4,68.8" in csv.decode("utf-8-sig")
    d = government_dashboard(cast.covenant, YEAR)
    _label, row, mean = d.steps[0]
    # The lone company in 0-24 is hidden, and so is the smallest other band, so 4 - 3 tells nothing.
    assert row.cells == {"0-24": None, "25-49": 0, "50-74": 0, "75-100": None} and row.total == 4
    assert mean == pytest.approx(68.8)
    api = Client()
    api.force_login(user_with_role(Role.GOVERNMENT))
    body = api.get(f"/api/v1/dashboards/government/{cast.covenant.slug}/?year={YEAR}").json()
    assert body["step_scores"][0]["bands"][0] == {"key": "0-24", "count": None}
    secretariat_body = client.get(f"/api/v1/dashboards/covenants/{cast.covenant.slug}/?year={YEAR}").json()
    assert secretariat_body["step_scores"][0]["bands"][0] == {"key": "0-24", "count": 1}


def test_last_years_average_stands_beside_this_years():
    from tests.covenants.factories import AnnualCycleFactory

    cast = _world()
    framework = _framework(cast)
    embed = _step_sections(framework, 1)[0]
    _accepted(cast, cast.company, framework, {embed.code: ("90", None)})
    this_cycle = cast.cycle
    cast.cycle = AnnualCycleFactory(covenant=cast.covenant, year=YEAR - 1, status="closed")
    _accepted(cast, cast.company, framework, {embed.code: ("40", None)})
    cast.cycle = this_cycle
    client = Client()
    client.force_login(cast.secretariat)
    page = client.get(f"/en/dashboards/covenants/{cast.covenant.slug}/?year={YEAR}").content.decode()
    row = page[page.index("1. Embed responsible business conduct") :].split("</tr>", 1)[0]
    assert f"Average {YEAR - 1}" in page and "<td>90</td>" in row and "<td>40</td>" in row
