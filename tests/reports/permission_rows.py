"""The annual reports' rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from tests.covenants.factories import AnnualCycleFactory, CovenantFactory
from tests.permission_matrix import PUBLIC, SECRETARIAT_ONLY, Row, World, expect, secretariat_only

from .factories import report_version


def build(world: World) -> None:
    world.report_covenant = CovenantFactory()
    world.report_cycle = AnnualCycleFactory(covenant=world.report_covenant, year=2025)
    world.draft_report = report_version(world.report_covenant, year=2025)
    world.published_report = report_version(world.report_covenant, year=2025, published=True)


def _slug(w: World) -> dict[str, object]:
    return {"slug": w.report_covenant.slug}


ROWS: list[Row] = [
    Row("reports:list", PUBLIC),
    Row("reports:covenant", PUBLIC, kwargs=_slug),
    Row("reports:request", secretariat_only(400), method="POST", kwargs=_slug, case="no year chosen"),
    Row("reports:foreword", SECRETARIAT_ONLY, kwargs=lambda w: {**_slug(w), "year": 2025}),
    Row(
        "reports:publish",
        secretariat_only(200),
        method="POST",
        kwargs=lambda w: {"pk": w.draft_report.pk},
        case="asks for confirmation",
    ),
    Row(
        "reports:download",
        secretariat_only(200) | {"anonymous": 404},
        kwargs=lambda w: {"pk": w.draft_report.pk},
        case="not published",
    ),
    Row("reports:download", PUBLIC, kwargs=lambda w: {"pk": w.published_report.pk}, case="published"),
    Row("api:reports-list", expect(200, pending=403)),
    Row(
        "api:reports-download",
        expect(404, pending=403, secretariat=200),
        kwargs=lambda w: {"pk": w.draft_report.pk},
        case="not published",
    ),
    Row(
        "api:reports-download",
        expect(200, pending=403),
        kwargs=lambda w: {"pk": w.published_report.pk},
        case="published",
    ),
]
