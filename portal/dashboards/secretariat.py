"""The secretariat's dashboard of one covenant and cycle: members, self-assessments and reviews,
actions, production locations and signals, complaints, and undelivered notifications, each figure
beside last year's where that cycle exists. A fixed number of queries, whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from companies.figures import location_figures, signals_awaiting_relay
from complaints.figures import complaint_figures
from covenants.figures import membership_figures
from covenants.models import AnnualCycle, Covenant
from duediligence.figures import action_figures, assessment_figures, risk_picture, step_scores
from portal.charts import BarChart, bar_chart
from portal.notifications.models import Notification


@dataclass
class CovenantDashboard:
    covenant: Covenant
    year: int
    cycle: AnnualCycle | None
    previous: AnnualCycle | None
    members: dict[str, int]
    members_before: dict[str, int] | None
    assessments: dict[str, Any] | None
    assessments_before: dict[str, Any] | None
    steps: list[dict[str, Any]] | None
    steps_before: list[dict[str, Any]] | None
    actions: dict[str, int]
    risks: dict[str, Any]
    locations: dict[str, Any]
    signals_waiting: int
    complaints: dict[str, Any]
    undelivered: int

    @property
    def step_rows(self) -> list[tuple[str, list[tuple[str, int]], int, Any, Any]]:
        """Per OECD step: label, bands, companies, average, and last year's average (None without)."""
        before = {s["step"]: s["average"] for s in self.steps_before or []}
        return [
            (f"{s['step']}. {s['label']}", s["bands"], s["companies"], s["average"], before.get(s["step"]))
            for s in self.steps or []
        ]

    @property
    def complaint_chart(self) -> BarChart:
        return bar_chart([(str(label), count) for _code, label, count in self.complaints["by_status"]])

    @property
    def country_chart(self) -> BarChart:
        return bar_chart(list(self.locations["top_countries"]))


def cycle_years(covenant: Covenant, wanted: str) -> tuple[int | None, list[int]]:
    """The year a dashboard shows (the one asked for, else the latest cycle, else this year) and the
    years to choose from; None for a year that has no cycle (and is not this year)."""
    years = sorted(
        set(AnnualCycle.objects.filter(covenant=covenant).values_list("year", flat=True)), reverse=True
    )
    this_year = timezone.localdate().year
    year = int(wanted) if wanted.isdigit() else (years[0] if years else this_year)
    if wanted and year not in years and year != this_year:
        return None, years
    return year, years or [this_year]


def covenant_dashboard(covenant: Covenant, year: int) -> CovenantDashboard:
    cycles = {
        cycle.year: cycle
        for cycle in AnnualCycle.objects.filter(covenant=covenant, year__in=[year, year - 1])
    }
    cycle, previous = cycles.get(year), cycles.get(year - 1)
    return CovenantDashboard(
        covenant=covenant,
        year=year,
        cycle=cycle,
        previous=previous,
        members=membership_figures(covenant, year),
        members_before=membership_figures(covenant, year - 1) if previous else None,
        assessments=assessment_figures(cycle) if cycle else None,
        assessments_before=assessment_figures(previous) if previous else None,
        steps=step_scores(cycle) if cycle else None,
        steps_before=step_scores(previous) if previous else None,
        actions=action_figures(covenant.pk),
        risks=risk_picture(covenant.pk),
        locations=location_figures(covenant.pk),
        signals_waiting=signals_awaiting_relay(covenant.pk),
        complaints=complaint_figures(covenant.pk, year),
        undelivered=Notification.objects.filter(email_status=Notification.EmailStatus.FAILED).count(),
    )
