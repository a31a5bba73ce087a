"""The front door's rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from tests.permission_matrix import Row, World, expect


def build(world: World) -> None:
    pass


#: Machine-read files: the same for everyone, also a user of a waiting organisation.
EVERYONE = expect(200)

ROWS: list[Row] = [
    Row("robots", EVERYONE),
    Row("sitemap", EVERYONE),
    Row("search", expect(200, pending="waiting"), case="no words"),
]
