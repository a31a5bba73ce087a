"""The dashboards' figures, cached per view, covenant, year and language (portal.core.versioned_cache).

Each dashboard has its own key part ("secretariat", "government"): the government's figures are
computed and stored suppressed, so no government page can read the secretariat's unsuppressed ones,
and every key names its covenant. Any write to a table behind the figures retires them all; the
figures that move with the clock (overdue, past their time frame) and the count of undelivered
e-mails (whose status the outbox writes with `QuerySet.update()`) are at most `TIMEOUT` old."""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from covenants.models import Covenant
from portal.core.versioned_cache import VersionedCache

from .government import GovernmentDashboard, government_dashboard
from .secretariat import CovenantDashboard, covenant_dashboard
from .suppression import threshold

#: Seconds the figures are kept at most; writes retire them earlier.
TIMEOUT = 120
#: The modules whose code decides what a cached value holds: a deploy that changes one starts afresh.
CODE = (
    "portal.dashboards.secretariat",
    "portal.dashboards.government",
    "portal.dashboards.suppression",
    "covenants.figures",
    "companies.figures",
    "duediligence.figures",
    "complaints.figures",
)


#: The templates of the cached page bodies.
TEMPLATES = (
    "dashboards/_covenant_body.html",
    "dashboards/_government_body.html",
    "dashboards/_step_scores.html",
    "dashboards/_download.html",
    "components/bar_chart.html",
)


@functools.cache
def _code_digest() -> str:
    digest = hashlib.blake2b(digest_size=4)
    for name in CODE:
        digest.update(Path(str(importlib.import_module(name).__file__)).read_bytes())
    for template in TEMPLATES:
        digest.update(get_template(template).template.source.encode())  # type: ignore[attr-defined]
    return digest.hexdigest()


FIGURES = VersionedCache(
    "dashboards:figures", timeout=TIMEOUT, setting="PORTAL_DASHBOARD_CACHE", digest=_code_digest
)


def secretariat_figures(covenant: Covenant, year: int) -> CovenantDashboard:
    return FIGURES.cached(("secretariat", covenant.pk, year), lambda: covenant_dashboard(covenant, year))


def government_figures(covenant: Covenant, year: int) -> GovernmentDashboard:
    return FIGURES.cached(
        ("government", covenant.pk, year, threshold()), lambda: government_dashboard(covenant, year)
    )


def page_body(parts: tuple[object, ...], render: Callable[[], str]) -> SafeString:
    """A dashboard's page body: rendered from its (cached) figures, and cached itself under `parts`,
    which start with the dashboard's name and name the covenant. The body holds nothing that depends
    on the user (no form token, no name), so the same key serves every user of that dashboard."""
    return mark_safe(FIGURES.cached(("html", *parts), render))  # nosec B308 B703 # noqa: S308 - escaped by its template


def connect() -> None:
    """Retire the figures on every write to the tables they are computed from (from AppConfig.ready)."""
    from companies.models import LocationSignal, ProductionLocation, SupplyLink
    from complaints.models import Complaint, Publication, Ruling, StageRecord
    from covenants.models import AnnualCycle, Membership
    from duediligence.models import Action, Assessment, Risk, SectionScore

    FIGURES.watch(
        Covenant, Membership, AnnualCycle,
        SupplyLink, ProductionLocation, LocationSignal,
        Assessment, SectionScore, Risk, Action,
        Complaint, StageRecord, Ruling, Publication,
    )  # fmt: skip
