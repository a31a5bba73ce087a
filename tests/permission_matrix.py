"""The permission matrix: the expected answer of every URL of the site for anonymous visitors, a user
of a waiting organisation and every role, declared here as data and checked by
`tests/test_permission_matrix.py`.

Each app contributes its rows in `tests/<app>/permission_rows.py`:

    ROWS = [Row("covenants:cycles", SECRETARIAT_ONLY), ...]

    def build(world: World) -> None:
        # objects the rows' URLs point at, belonging to another company and to a covenant that
        # none of the role users is party to
        world.cycle = AnnualCycleFactory(...)

A URL without a row fails the build. Rows are matched by URL name (`namespace:name`); a name may
hold a glob (`admin:*`) for a whole third-party site. Several rows may share a name with different
`case`s (e.g. a published covenant and one in negotiation).

Expected answers: a status code, or LOGIN (a redirect to a login page) or WAITING (a redirect to the
waiting page of a not yet approved organisation).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Union

LOGIN = "login"
WAITING = "waiting"
Status = Union[int, str]  # noqa: UP007 - read as data by people adding rows

#: The columns: anonymous, a user whose organisation waits for approval, and every role.
ANONYMOUS = "anonymous"
PENDING = "pending"
ROLES = (
    "secretariat",
    "committee",
    "company",
    "industry_association",
    "government",
    "trade_union",
    "ngo",
)
COLUMNS = (ANONYMOUS, PENDING, *ROLES)

World = SimpleNamespace


def expect(rest: Status, **per_column: Status) -> dict[str, Status]:
    """`rest` for every column not named; name columns by role (`secretariat=200`), plus `anonymous`,
    `pending`, and `roles` (every role, i.e. every approved signed-in user)."""
    table: dict[str, Status] = dict.fromkeys(COLUMNS, rest)
    if "roles" in per_column:
        table.update(dict.fromkeys(ROLES, per_column.pop("roles")))
    unknown = set(per_column) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown matrix columns: {sorted(unknown)}")
    table.update(per_column)
    return table


# Presets for the common cases.
PUBLIC = expect(200, pending=WAITING)
"""Everyone; a user of a waiting organisation is sent to the waiting page first."""
EVERY_ROLE = expect(200, anonymous=LOGIN, pending=WAITING)
SECRETARIAT_ONLY = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)


def secretariat_only(status: Status) -> dict[str, Status]:
    return expect(404, anonymous=LOGIN, pending=WAITING, secretariat=status)


@dataclass(frozen=True)
class Row:
    name: str
    expect: Mapping[str, Status]
    method: str = "GET"
    #: Path parameters from the world: `lambda w: {"pk": w.membership.pk}`.
    kwargs: Callable[[World], dict[str, Any]] | None = None
    case: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""

    def label(self) -> str:
        return f"{self.name}" + (f" [{self.case}]" if self.case else "")


ROW_MODULE_GLOB = "*/permission_rows.py"
TESTS_DIR = Path(__file__).resolve().parent


def row_modules() -> list[Any]:
    """Every `tests/<app>/permission_rows.py`, the platform's first."""
    paths = sorted(TESTS_DIR.glob(ROW_MODULE_GLOB), key=lambda p: (p.parent.name != "portal", p.parent.name))
    return [importlib.import_module(f"tests.{path.parent.name}.permission_rows") for path in paths]


def all_rows() -> list[Row]:
    return [row for module in row_modules() for row in module.ROWS]


_CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<key>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<key>\w+)>(?:[^()]|\([^()]*\))*\)")


def fill_route(route: str, values: Mapping[str, Any]) -> str:
    """The path of a route (as `portal.access_check.url_patterns` gives it) with its parameters filled."""

    def value(match: re.Match[str]) -> str:
        key = match.group("key")
        if key not in values:
            raise KeyError(key)
        return str(values[key])

    path = _GROUP.sub(value, route)
    path = _CONVERTER.sub(value, path)
    return "/" + path.replace("^", "").replace("$", "")
