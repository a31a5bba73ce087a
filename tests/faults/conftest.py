"""Fixtures of the fault tests: the processes of one test (`stack`), on this run's test database.

The portal's processes use the test database pytest-django created and migrated for this session
(its own, never another run's) through `portal_env`, and their own Redis; the shared Redis other
test runs use is never touched by a fault.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .stack import Stack, database_url, portal_environment


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    report = yield
    if report.failed:
        stack = getattr(item, "_fault_stack", None)
        if stack is not None:
            for log in sorted(stack.log_dir.glob("*.log")):
                report.sections.append((f"log {log.name}", log.read_text(errors="replace")[-6000:]))
    return report


@pytest.fixture
def stack(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stack]:
    """The test's processes; all stopped when the test ends, passed or failed (their logs shown then)."""
    started = Stack(log_dir=tmp_path / "logs")
    request.node._fault_stack = started
    try:
        yield started
    finally:
        started.close()


@pytest.fixture
def portal_env(transactional_db: None, tmp_path: Path) -> Callable[..., dict[str, str]]:
    """portal_env(redis_url=..., email_url=..., **extra): a portal process's environment on the test
    database, with the test's own media folder (`tmp_path / "media"`)."""
    from django.db import connection

    url = database_url(connection.settings_dict)

    def make(*, redis_url: str, email_url: str, **extra: Any) -> dict[str, str]:
        return portal_environment(
            database_url=url, redis_url=redis_url, media_root=tmp_path / "media", email_url=email_url, **extra
        )

    return make
