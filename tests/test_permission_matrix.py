"""Every URL of the site, as anonymous, as a user of a waiting organisation and as every role, with
objects of another company (and of a covenant nobody here is party to) in the path: the answers must
match the table in tests/<app>/permission_rows.py (see tests/permission_matrix.py).

One test, one database setup: every request runs in a transaction that is rolled back, so a POST
cannot change what the next request sees, and all mismatches are reported together."""

from __future__ import annotations

import fnmatch
import os
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseBase
from django.test import Client
from django.utils import translation

from portal.access_check import Route, url_patterns
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory, UserFactory, user_with_role

from .permission_matrix import (
    ANONYMOUS,
    COLUMNS,
    LOGIN,
    PENDING,
    WAITING,
    Row,
    Status,
    World,
    all_rows,
    fill_route,
    row_modules,
)

pytestmark = pytest.mark.django_db

LOGIN_PATHS = ("/account/login/", "/admin/login/")
WAITING_PATH = "/dashboard/waiting/"


def _routes() -> list[Route]:
    with translation.override("en"):
        return list(url_patterns())


def _rows_for(route: Route, rows: list[Row]) -> list[Row]:
    exact = [row for row in rows if row.name == route.name]
    if exact:
        return exact
    return [
        row for row in rows if any(ch in row.name for ch in "*?[") and fnmatch.fnmatch(route.name, row.name)
    ]


def test_every_url_has_a_row_and_every_row_a_url():
    rows, routes = all_rows(), _routes()
    missing = [
        f"{route.name} (/{route.route}): add a row to tests/<app>/permission_rows.py"
        for route in routes
        if not _rows_for(route, rows)
    ]
    names = {route.name for route in routes}
    stale = [
        f"{row.label()}: no such URL any more; remove the row"
        for row in rows
        if not any(ch in row.name for ch in "*?[") and row.name not in names
    ]
    assert not missing + stale, "\n".join(["The permission matrix is incomplete:", *missing, *stale])


def _world() -> World:
    world = World()
    world.users = {
        column: user_with_role(Role(column)) for column in COLUMNS if column not in (ANONYMOUS, PENDING)
    }
    world.users[PENDING] = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    world.users[ANONYMOUS] = None
    for module in row_modules():
        build = getattr(module, "build", None)
        if build is not None:
            build(world)
    return world


def _outcome(response: HttpResponseBase) -> Status:
    if response.status_code in (301, 302, 303):
        location = response.get("Location", "")
        if any(path in location for path in LOGIN_PATHS):
            return LOGIN
        if WAITING_PATH in location:
            return WAITING
    return response.status_code


class _Visitor:
    """A test client that stays signed in as one user (a request that signs out is undone)."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.client = Client(raise_request_exception=False)
        self.session = ""
        self._sign_in()

    def _sign_in(self) -> None:
        if self.user is not None:
            self.client.force_login(self.user)
            self.session = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    def request(self, method: str, path: str, data: Any) -> HttpResponseBase:
        if self.user is not None:
            cookie = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
            if cookie is None or cookie.value != self.session:
                self._sign_in()
        return _request(self.client, method, path, data)


def _request(client: Client, method: str, path: str, data: Any) -> HttpResponseBase:
    with transaction.atomic():
        response = client.generic(method, path, data=data) if method != "POST" else client.post(path, data)
        transaction.set_rollback(True)
    return response


def test_every_url_answers_every_role_as_the_table_says():
    rows, routes = all_rows(), _routes()
    world = _world()
    visitors = {column: _Visitor(world.users[column]) for column in COLUMNS}
    mismatches: list[str] = []
    seen: list[str] = []
    for route in routes:
        for row in _rows_for(route, rows):
            values = row.kwargs(world) if row.kwargs else {}
            values = {**dict.fromkeys(route.keys, "1"), **values}
            path = fill_route(route.route, values)
            cache.clear()
            for column in COLUMNS:
                got = _outcome(visitors[column].request(row.method, path, dict(row.data)))
                seen.append(f"{row.label()} {row.method} {path} {column}: {got}")
                if got != row.expect[column]:
                    mismatches.append(
                        f"{row.label():45} {row.method:4} {path:60} {column:22} expected {row.expect[column]!s:8} got {got}"
                    )
    if os.environ.get("PERMISSION_MATRIX_DUMP"):
        print("\n".join(seen))
    assert not mismatches, "\n".join(["Answers that differ from the permission matrix:", *mismatches])
