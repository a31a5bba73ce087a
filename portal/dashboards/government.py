"""The government's dashboard of one covenant: the same aggregates as the secretariat's, shown only
where no company can be identified (`suppression`), and nothing of a running complaint but counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from companies.figures import country_figures
from complaints.figures import complaint_figures
from covenants.figures import membership_figures
from covenants.models import AnnualCycle, Covenant
from duediligence.figures import assessment_figures, step_scores

from .suppression import Row, suppress, threshold

ASSESSMENT_CELLS = ("not_started", "draft", "awaiting_review", "changes_requested", "accepted")


@dataclass
class GovernmentDashboard:
    covenant: Covenant
    year: int
    members: int
    assessments: Row | None
    steps: list[tuple[str, Row, float | None]]
    average_score: float | None
    countries: list[tuple[str, int, int]]
    complaints: Row
    threshold: int

    @property
    def step_rows(self) -> list[tuple[str, list[tuple[str, int | None]], int | None, float | None, None]]:
        return [(label, list(row.cells.items()), row.total, mean, None) for label, row, mean in self.steps]


def government_dashboard(covenant: Covenant, year: int) -> GovernmentDashboard:
    limit = threshold()
    members = membership_figures(covenant, year)
    cycle = AnnualCycle.objects.filter(covenant=covenant, year=year).first()
    assessments: Row | None = None
    average: float | None = None
    steps: list[tuple[str, Row, float | None]] = []
    if cycle is not None:
        figures = assessment_figures(cycle)
        assessments = suppress({key: int(figures[key] or 0) for key in ASSESSMENT_CELLS}, limit=limit)
        # An average over fewer companies than the threshold is one company's score, or nearly.
        if int(figures["accepted"] or 0) >= limit and figures["average_score"] is not None:
            average = float(figures["average_score"])
        for step in step_scores(cycle):
            bands = suppress(dict(step["bands"]), limit=limit)
            mean = (
                float(step["average"]) if step["average"] is not None and step["companies"] >= limit else None
            )
            steps.append((f"{step['step']}. {step['label']}", bands, mean))
    # A country where fewer companies than the threshold source is left out, with no "other" line:
    # companies sourcing in several small countries would be counted twice in it.
    shown = [row for row in country_figures(covenant.pk) if row[2] >= limit]
    running: dict[str, Any] = complaint_figures(covenant.pk, year)
    complaints = suppress({code: count for code, _label, count in running["by_status"]}, limit=limit)
    return GovernmentDashboard(
        covenant=covenant,
        year=year,
        members=members["active"],
        assessments=assessments,
        steps=steps,
        average_score=average,
        countries=shown,
        complaints=complaints,
        threshold=limit,
    )
