"""The due-diligence app's rows of the permission matrix (see tests/permission_matrix.py).

Every object in the paths belongs to another company: 404 for every role, the company included; the
secretariat reads assessments, risks and actions of every company but edits none of them."""

from __future__ import annotations

from tests.permission_matrix import LOGIN, WAITING, Row, World, expect

from . import api_rows, assessment_rows, performance_rows, quickscan_rows, risk_rows


def build(world: World) -> None:
    assessment_rows.build(world)
    performance_rows.build(world)
    risk_rows.build(world)
    api_rows.build(world)
    quickscan_rows.build(world)


#: A page of the user's own company.
COMPANY_PAGE = expect(404, anonymous=LOGIN, pending=WAITING, company=200)

ROWS: list[Row] = [
    *assessment_rows.ROWS,
    *performance_rows.ROWS,
    *risk_rows.ROWS,
    *api_rows.ROWS,
    *quickscan_rows.ROWS,
]
