"""The dashboards' rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from tests.covenants.factories import CovenantFactory
from tests.permission_matrix import SECRETARIAT_ONLY, Row, World


def build(world: World) -> None:
    world.db_covenant = CovenantFactory()


ROWS: list[Row] = [
    Row("dashboards:index", SECRETARIAT_ONLY),
    Row("dashboards:covenant", SECRETARIAT_ONLY, kwargs=lambda w: {"slug": w.db_covenant.slug}),
]
