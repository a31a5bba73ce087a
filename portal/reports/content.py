"""What an annual report shows: a snapshot of the covenant's figures for one year, in one language,
as plain JSON. The task stores it on the version it generates and renders the PDF from it, so a
version's figures are fixed once it is made (and published versions never change).

The report is public once published, so it follows the government dashboard's disclosure control:
no count of fewer companies than the threshold where a count could point at one company (the risk
picture, the score bands, companies per country). The member list itself is public anyway."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from companies.figures import country_figures
from complaints.figures import complaint_figures
from complaints.selectors import performance_for, publication_list
from covenants.figures import membership_figures
from covenants.models import AnnualCycle, Covenant, Membership
from covenants.models.common import bilingual
from duediligence.figures import action_figures, assessment_figures, risk_picture, step_scores
from portal.charts import bar_chart
from portal.dashboards.suppression import suppress, threshold

from .models import Foreword


def _day(value: date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _country(code: str) -> str:
    return str(country_names.name(code)) or code if code != "--" else _("No country")


def _members(covenant: Covenant, year: int) -> dict[str, Any]:
    figures = membership_figures(covenant, year)
    rows = (
        Membership.objects.filter(covenant=covenant)
        .filter(
            Q(status__in=[Membership.Status.ACTIVE, Membership.Status.SUSPENDED])
            | Q(status=Membership.Status.ENDED, ended_on__year=year)
        )
        .select_related("company")
        .order_by("company__name", "pk")
        .values_list("company__name", "status", "joined_on", "ended_on")
    )
    members, joined, left = [], [], []
    for name, status, joined_on, _ended_on in rows:
        if status != Membership.Status.ENDED:
            members.append([name, str(Membership.Status(status).label), _day(joined_on)])
        if joined_on and joined_on.year == year:
            joined.append(name)
        if status == Membership.Status.ENDED:
            left.append(name)
    return {"figures": figures, "list": members, "joined": joined, "left": left}


def _assessments(covenant: Covenant, year: int, limit: int) -> dict[str, Any] | None:
    cycle = AnnualCycle.objects.filter(covenant=covenant, year=year).first()
    if cycle is None:
        return None
    figures = assessment_figures(cycle)
    labels = {
        "not_started": _("Not started"),
        "draft": _("Draft"),
        "awaiting_review": _("Waiting for review"),
        "changes_requested": _("Changes requested"),
        "accepted": _("Accepted"),
    }
    counts = suppress({key: int(figures[key] or 0) for key in labels}, limit=limit)
    average = figures["average_score"]
    steps = []
    for step in step_scores(cycle):
        bands = suppress(dict(step["bands"]), limit=limit)
        mean = step["average"]
        steps.append(
            {
                "label": f"{step['step']}. {step['label']}",
                "bands": list(bands.cells.items()),
                "companies": bands.total,
                "average": float(mean) if mean is not None and step["companies"] >= limit else None,
            }
        )
    return {
        "deadline": _day(cycle.self_assessment_due),
        "counts": [[labels[key], value] for key, value in counts.cells.items()],
        "counts_total": counts.total,
        "average": float(average) if average is not None and figures["accepted"] >= limit else None,
        "steps": steps,
    }


def _risks(covenant: Covenant, limit: int) -> dict[str, Any]:
    picture = risk_picture(covenant.pk)
    rows = []
    for theme, cells in picture["rows"]:
        shown = [
            [count, priority] if count == 0 or count >= limit else [None, ""] for count, priority in cells
        ]
        rows.append([str(theme), shown])
    return {"countries": [_country(code) for code in picture["countries"]], "rows": rows}


def _complaints(covenant: Covenant, year: int) -> dict[str, Any]:
    running = complaint_figures(covenant.pk, year)
    performance = performance_for(covenant, year)
    rulings = []
    for publication in publication_list().filter(complaint__covenant=covenant, published_at__year=year):
        ruling = getattr(publication.complaint, "ruling", None)
        shown = ruling if ruling is not None and publication.ruling_published else None
        rulings.append(
            {
                "reference": publication.complaint.reference,
                "published": _day(timezone.localdate(publication.published_at)),
                "summary": bilingual(publication.summary_nl, publication.summary_en),
                "outcome": str(shown.get_outcome_display()) if shown else "",
                "ruling": bilingual(shown.text_nl, shown.text_en) if shown else "",
            }
        )
    return {
        "filed": running["filed"],
        "ended": running["ended"],
        "running": running["running"],
        "overdue": running["overdue"],
        "by_stage": [[str(label), count] for _code, label, count in running["by_status"]],
        "received": performance.received,
        "admissible": performance.admissible,
        "settled": performance.settled,
        "ruled": performance.ruled,
        "median_days": [[label, days] for label, days in performance.median_days],
        "within_frame": performance.within_frame,
        "satisfaction": performance.satisfaction,
        "answers": performance.answers,
        "rulings": rulings,
    }


def report_figures(covenant: Covenant, year: int, language: str) -> dict[str, Any]:
    """The snapshot of everything the report shows, in `language` (a fixed number of queries)."""
    limit = threshold()
    with translation.override(language):
        foreword = Foreword.objects.filter(covenant=covenant, year=year).first()
        countries = country_figures(covenant.pk)
        return {
            "covenant": covenant.name,
            "slug": covenant.slug,
            "sector": str(covenant.get_sector_display()),
            "year": year,
            "language": language,
            "threshold": limit,
            "generated": formats.date_format(timezone.localtime(), "DATETIME_FORMAT"),
            "foreword": foreword.text(language) if foreword else "",
            "members": _members(covenant, year),
            "assessments": _assessments(covenant, year, limit),
            "risks": _risks(covenant, limit),
            "actions": action_figures(covenant.pk),
            "locations": {
                "total": sum(row[1] for row in countries),
                "countries": [
                    [_country(code), locations, companies if companies >= limit else None]
                    for code, locations, companies in countries
                ],
            },
            "complaints": _complaints(covenant, year),
        }


def report_context(figures: dict[str, Any], version: int) -> dict[str, Any]:
    """The PDF template's context: the snapshot and the charts drawn from it (portal/charts.py)."""
    steps = (figures.get("assessments") or {}).get("steps") or []
    with translation.override(figures["language"]):
        step_bars = [
            (_("Step %(number)s") % {"number": index}, round(step["average"]))
            for index, step in enumerate(steps, start=1)
            if step["average"] is not None
        ]
    countries = figures["locations"]["countries"][:10]
    return {
        "r": figures,
        "version": version,
        "country_chart": bar_chart([(name, locations) for name, locations, _companies in countries]),
        "stage_chart": bar_chart([(label, count) for label, count in figures["complaints"]["by_stage"]]),
        "step_chart": bar_chart(step_bars),
    }
