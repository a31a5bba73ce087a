"""The platform's tools for writers of many rows: COPY inserts, the quick field checks, advisory locks and
refreshed planner statistics."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.core.bulk_insert import insert_rows, refresh_statistics
from portal.core.fast_clean import FieldChecks
from portal.core.locks import advisory_lock, advisory_xact_lock, lock_key
from portal.jobs.models import Job
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_insert_rows_returns_the_new_ids_in_order_and_fills_the_defaults():
    owner = UserFactory()
    ids = insert_rows(
        Job, ("owner_id", "kind", "title"), [(owner.pk, "export", f"Job {n}") for n in range(5)]
    )
    jobs = list(Job.objects.filter(pk__in=ids).order_by("pk"))
    assert [job.pk for job in jobs] == ids == sorted(ids)
    assert [job.title for job in jobs] == [f"Job {n}" for n in range(5)]
    assert {job.status for job in jobs} == {Job.Status.PENDING} and {job.progress for job in jobs} == {0}
    # One moment for the whole batch, for the default and for the auto_now field alike.
    assert len({job.created_at for job in jobs} | {job.updated_at for job in jobs}) == 1
    assert insert_rows(Job, ("owner_id", "kind", "title"), []) == []


def test_insert_rows_refuses_an_unknown_field():
    with pytest.raises(ValueError, match="no fields"):
        insert_rows(Job, ("owner_id", "colour"), [(1, "red")])


def test_insert_rows_keeps_the_tables_constraints():
    from django.db import IntegrityError, transaction

    owner = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Job, ("owner_id", "kind", "title", "progress"), [(owner.pk, "export", "Too far", 101)])


_CHECKED = ("kind", "title", "status", "message")
_texts = st.one_of(
    st.sampled_from(["", "export", "running", "done", "pending", "a\x00b", "x" * 64, "x" * 65, "y" * 301]),
    st.text(max_size=80),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(_CHECKED, _texts)))
def test_the_quick_check_never_accepts_what_full_clean_refuses(values: dict[str, Any]):
    checks = FieldChecks(Job, _CHECKED)
    if not checks.accepts(values):
        return
    others = [f.name for f in Job._meta.fields if f.name not in _CHECKED]
    Job(**values).full_clean(exclude=others)  # must not raise


def test_the_quick_check_refuses_the_plain_mistakes():
    checks = FieldChecks(Job, _CHECKED)
    good = {"kind": "export", "title": "Export", "status": "done", "message": ""}
    assert checks.accepts(good)
    for wrong in ({"kind": ""}, {"kind": "x" * 65}, {"status": "lost"}):
        assert not checks.accepts({**good, **wrong}), wrong
        with pytest.raises(ValidationError):
            Job(**{**good, **wrong}).full_clean(exclude=["owner"])
    # Another type is left to full_clean, which may convert it; so is a NUL character, which a model
    # field lets through and PostgreSQL refuses.
    assert not checks.accepts({**good, "title": 5})
    assert not checks.accepts({**good, "title": "a\x00b"})


def _other_connection_can_lock(name: str) -> bool:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_key(name)])
            taken = cursor.fetchone()[0]
            if taken:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key(name)])
        return bool(taken)
    finally:
        other.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_an_advisory_lock_keeps_another_session_out_until_it_is_released():
    with advisory_lock("tests.lock"):
        assert not _other_connection_can_lock("tests.lock")
        assert _other_connection_can_lock("tests.another-lock")
    assert _other_connection_can_lock("tests.lock")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_a_transaction_lock_is_held_until_the_transaction_ends():
    from django.db import transaction

    with transaction.atomic():
        advisory_xact_lock("tests.xact-lock")
        assert not _other_connection_can_lock("tests.xact-lock")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE is PostgreSQL's")
def test_refreshing_statistics_analyzes_each_table():
    with CaptureQueriesContext(connection) as captured:
        refresh_statistics(Job)
    assert [q["sql"] for q in captured] == ['ANALYZE "jobs_job"']
