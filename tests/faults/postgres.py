"""A PostgreSQL cluster of a fault test's own: initdb into a temporary folder, a free loopback port,
trust authentication on loopback only, run as the `postgres` system user when the tests run as root
(initdb refuses root). `restart()` is `pg_ctl restart -m fast`, which ends every connection.

Also the backup tools as the operations guide uses them: `dump()` (pg_dump, custom format) and
`restore()` (pg_restore). Every command has a timeout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .stack import HOST, free_port, port_open, wait_until

PG_ROOT = Path("/usr/lib/postgresql")


def binaries() -> Path | None:
    """The newest installed server's bin folder (initdb, pg_ctl), or None."""
    found = sorted(
        (p for p in PG_ROOT.glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def run(command: list[str], *, timeout: float = 60, as_postgres: bool = False) -> str:
    result = subprocess.run(
        _as_postgres(command) if as_postgres else command,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


class PostgresCluster:
    """An own cluster in a temporary folder (outside the test's tmp_path: the `postgres` user must be
    able to reach it), removed by stop()."""

    def __init__(self) -> None:
        bindir = binaries()
        if bindir is None:
            raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = bindir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o755)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def _ctl(self, *args: str, timeout: float = 60) -> str:
        return run([str(self.bin / "pg_ctl"), "-D", str(self.data), *args], timeout=timeout, as_postgres=True)

    def start(self) -> PostgresCluster:
        run(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            timeout=120,
            as_postgres=True,
        )  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -k {self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._ctl("-o", options, "-l", str(self.log), "-w", "-t", "60", "start", timeout=90)
        wait_until(lambda: port_open(self.port), timeout=30, what="PostgreSQL listening")
        return self

    def restart(self) -> None:
        """A fast restart: every session is ended, the server is back on the same port."""
        # The log file again: otherwise the new server would keep this command's output pipe open.
        self._ctl("-m", "fast", "-l", str(self.log), "-w", "-t", "60", "restart", timeout=90)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._ctl("-m", "immediate", "-w", "-t", "30", "stop", timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def psql(self, database: str, sql: str) -> str:
        return run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-Atc", sql, self.url(database)], timeout=30)

    def create_database(self, name: str) -> None:
        self.psql("postgres", f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        self.psql("postgres", f'DROP DATABASE "{name}" WITH (FORCE)')


def dump(url: str, target: Path) -> Path:
    """pg_dump in the custom format (compressed, restorable table by table with pg_restore)."""
    run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", url], timeout=120)
    return target


def restore(url: str, source: Path) -> None:
    """pg_restore into an existing, empty database, as one transaction (all or nothing)."""
    run(
        ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
         f"--dbname={url}", str(source)],
        timeout=180,
    )  # fmt: skip
