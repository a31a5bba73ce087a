"""The companies app's rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from tests.permission_matrix import PUBLIC, Row, World


def build(world: World) -> None:
    """The public location list needs no objects of its own."""


ROWS = [
    Row("companies:locations", PUBLIC),
]
