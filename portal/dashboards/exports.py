"""Every dashboard table as rows for CSV and XLSX, under the same rules as the page: the government's
tables keep their suppressed cells suppressed ("not shown"), and every cell is made safe against
formula injection by the shared writers (`companies.exports`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from complaints.status import CaseStatus
from duediligence.figures import SCORE_BANDS

from .government import ASSESSMENT_CELLS, GovernmentDashboard
from .secretariat import CovenantDashboard
from .suppression import Row as SuppressedRow

Rows = list[list[Any]]


def _shown(value: int | None) -> Any:
    return _("not shown") if value is None else value


def _assessment_labels() -> dict[str, str]:
    return {
        "not_started": _("Not started"),
        "draft": _("Draft"),
        "awaiting_review": _("Waiting for review"),
        "changes_requested": _("Changes requested"),
        "accepted": _("Accepted"),
    }


def _country(code: str) -> str:
    return str(countries.name(code)) or code


# --- the secretariat ---------------------------------------------------------------------------------


def _members(d: CovenantDashboard) -> Rows:
    labels = {"active": _("Active members"), "suspended": _("Suspended"), "applied": _("Applications waiting"),
              "joined": _("Joined in the year"), "left": _("Left in the year")}  # fmt: skip
    return [[_("Figure"), str(d.year)], *([labels[key], d.members[key]] for key in labels)]


def _assessments(d: CovenantDashboard) -> Rows:
    figures = d.assessments or {}
    labels = _assessment_labels()
    return [[_("State"), _("Companies")], *([labels[key], figures.get(key, 0)] for key in ASSESSMENT_CELLS)]


def _band_header() -> list[str]:
    return [_("OECD step"), *(label for _low, label in SCORE_BANDS), _("Companies"), _("Average score")]


def _steps(d: CovenantDashboard) -> Rows:
    return [_band_header(), *([f"{s['step']}. {s['label']}", *(count for _l, count in s["bands"]), s["companies"],
                               "" if s["average"] is None else float(s["average"])] for s in d.steps or [])]  # fmt: skip


def _actions(d: CovenantDashboard) -> Rows:
    return [
        [_("Figure"), _("Actions")],
        [_("Open, on time"), d.actions["on_time"]],
        [_("Open, overdue"), d.actions["overdue"]],
        [_("Done"), d.actions["done"]],
    ]


def _countries(d: CovenantDashboard) -> Rows:
    return [
        [_("Country"), _("Locations")],
        *([_country(code), count] for code, count in d.locations["top_countries"]),
    ]


def _complaints(d: CovenantDashboard) -> Rows:
    return [
        [_("Stage"), _("Cases")],
        *([str(label), count] for _code, label, count in d.complaints["by_status"]),
    ]


SECRETARIAT_TABLES: dict[str, Callable[[CovenantDashboard], Rows]] = {
    "members": _members,
    "assessments": _assessments,
    "steps": _steps,
    "actions": _actions,
    "countries": _countries,
    "complaints": _complaints,
}


# --- the government ----------------------------------------------------------------------------------


def _with_total(header: list[str], labelled: list[tuple[str, int | None]], row: SuppressedRow) -> Rows:
    return [header, *([label, _shown(value)] for label, value in labelled), [_("Total"), _shown(row.total)]]


def _gov_assessments(d: GovernmentDashboard) -> Rows:
    if d.assessments is None:
        return [[_("State"), _("Companies")]]
    labels = _assessment_labels()
    cells = [(labels[key], d.assessments.cells[key]) for key in ASSESSMENT_CELLS]
    return _with_total([_("State"), _("Companies")], cells, d.assessments)


def _gov_steps(d: GovernmentDashboard) -> Rows:
    return [_band_header(), *([label, *(_shown(v) for v in row.cells.values()), _shown(row.total),
                               _shown(None) if mean is None else mean] for label, row, mean in d.steps)]  # fmt: skip


def _gov_countries(d: GovernmentDashboard) -> Rows:
    return [[_("Country"), _("Locations"), _("Companies")], *([_country(code), locations, companies]
                                                             for code, locations, companies in d.countries)]  # fmt: skip


def _gov_complaints(d: GovernmentDashboard) -> Rows:
    cells = [(str(CaseStatus(code).label), value) for code, value in d.complaints.cells.items()]
    return _with_total([_("Stage"), _("Cases")], cells, d.complaints)


GOVERNMENT_TABLES: dict[str, Callable[[GovernmentDashboard], Rows]] = {
    "assessments": _gov_assessments,
    "steps": _gov_steps,
    "countries": _gov_countries,
    "complaints": _gov_complaints,
}
