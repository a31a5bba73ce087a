"""The databases of one test run: `scripts/test.sh` names, creates and drops them.

    python scripts/testdb.py name   URL RUN   print URL with the database "<name>_<RUN>"
    python scripts/testdb.py create URL       create URL's database when it does not exist
    python scripts/testdb.py drop   URL       drop URL's database and the test databases made from it
                                              (test_<name>, test_<name>_gw0, ... of pytest-django)

Run with the project's virtualenv (psycopg); it connects to the "postgres" maintenance database of
the same server with the same credentials.
"""

from __future__ import annotations

import re
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

SAFE = re.compile(r"^[a-z0-9_]+$")


def with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def run_url(url: str, run: str) -> str:
    name = f"{database_name(url) or 'portal'}_{run}".lower()
    if not SAFE.match(name) or len(name) > 50:  # room for pytest-django's "test_" and "_gw12"
        raise SystemExit(f"not a usable database name for a test run: {name!r}")
    return with_name(url, name)


def maintenance(url: str) -> psycopg.Connection:
    return psycopg.connect(with_name(url, "postgres"), autocommit=True, connect_timeout=10)


def create(url: str) -> None:
    name = database_name(url)
    with maintenance(url) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(url: str) -> None:
    name = database_name(url)
    with maintenance(url) as conn:
        names = [row[0] for row in conn.execute("SELECT datname FROM pg_database")]
        for found in names:
            if found == name or found == f"test_{name}" or found.startswith(f"test_{name}_gw"):
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(found)))


def main(argv: list[str]) -> None:
    match argv:
        case ["name", url, run]:
            print(run_url(url, run))
        case ["create", url]:
            create(url)
        case ["drop", url]:
            drop(url)
        case _:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
