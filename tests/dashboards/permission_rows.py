"""The dashboards' rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from tests.covenants.factories import CovenantFactory
from tests.permission_matrix import LOGIN, SECRETARIAT_ONLY, WAITING, Row, World, expect


def build(world: World) -> None:
    world.db_covenant = CovenantFactory()


ROWS: list[Row] = [
    Row("dashboards:index", expect(404, anonymous=LOGIN, pending=WAITING, government=200, secretariat=200)),
    Row("dashboards:covenant", SECRETARIAT_ONLY, kwargs=lambda w: {"slug": w.db_covenant.slug}),
]

ROWS += [
    Row(
        "dashboards:government",
        expect(404, anonymous=LOGIN, pending=WAITING, government=200, secretariat=200),
        kwargs=lambda w: {"slug": w.db_covenant.slug},
    ),
]

ROWS += [
    Row(
        "dashboards:covenant-export",
        SECRETARIAT_ONLY,
        kwargs=lambda w: {"slug": w.db_covenant.slug, "table": "members", "fmt": "csv"},
    ),
    Row(
        "dashboards:government-export",
        expect(404, anonymous=LOGIN, pending=WAITING, government=200, secretariat=200),
        kwargs=lambda w: {"slug": w.db_covenant.slug, "table": "complaints", "fmt": "xlsx"},
    ),
]

ROWS += [
    Row(
        "api:dashboards-covenant",
        expect(404, anonymous=403, pending=403, secretariat=200),
        kwargs=lambda w: {"slug": w.db_covenant.slug},
    ),
    Row(
        "api:dashboards-government",
        expect(404, anonymous=403, pending=403, government=200, secretariat=200),
        kwargs=lambda w: {"slug": w.db_covenant.slug},
    ),
]
