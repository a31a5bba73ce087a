"""The dashboards read from the replica when there is one; writes, and the published report's figures,
always use the primary.

The `replica` alias here mirrors the test database (the same data through a second connection), so
which connection ran a query shows where it was routed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from covenants.models import Covenant
from portal.core.db_routing import REPLICA_DB_ALIAS, read_alias, replica_reads
from portal.reports.models import AnnualReport
from tests.dashboards.test_secretariat import _world
from tests.reports.helpers import YEAR, make_report

pytestmark = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS])


@pytest.fixture(scope="module")
def django_db_setup(django_db_setup) -> Iterator[None]:
    """A `replica` alias on the test database for this module, as DATABASE_REPLICA_URL with TEST
    MIRROR gives (added before the tests declare it among their databases)."""
    settings_dict = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS}
    connections.settings[REPLICA_DB_ALIAS] = settings_dict
    try:
        yield
    finally:
        if hasattr(connections._connections, REPLICA_DB_ALIAS):
            connections[REPLICA_DB_ALIAS].close()
            delattr(connections._connections, REPLICA_DB_ALIAS)
        del connections.settings[REPLICA_DB_ALIAS]


def sql(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


# Each test here empties the database afterwards (the replica's connection sees only committed rows),
# which is slow: the checks are grouped in few tests.


def test_the_dashboards_read_from_the_replica_and_other_pages_from_the_primary():
    cast = _world()
    client = Client()
    client.force_login(cast.secretariat)
    with (
        CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        page = client.get(f"/en/dashboards/covenants/{cast.covenant.slug}/")
    assert page.status_code == 200
    assert cast.covenant.name_en in page.content.decode()
    # The figures came from the replica; the primary only answered for the session and the user.
    assert any('"covenants_covenant"' in q for q in sql(on_replica))
    assert any('"duediligence_' in q for q in sql(on_replica))
    assert not any('"covenants_covenant"' in q or '"duediligence_' in q for q in sql(on_primary))

    with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica:
        response = client.get(f"/api/v1/dashboards/covenants/{cast.covenant.slug}/?year={YEAR}")
    assert response.status_code == 200
    assert any('"covenants_covenant"' in q for q in sql(on_replica))

    with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica:
        assert client.get(f"/en/covenants/{cast.covenant.slug}/").status_code == 200
    assert sql(on_replica) == []


def test_writes_and_reads_in_a_transaction_use_the_primary_in_a_replica_block():
    covenant = _world().covenant
    with (
        CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
        replica_reads(),
    ):
        assert read_alias() == REPLICA_DB_ALIAS
        loaded = Covenant.objects.get(pk=covenant.pk)
        loaded.name_en = "Renamed on the primary"
        loaded.save(update_fields=["name_en"])
        with transaction.atomic():
            assert read_alias() == DEFAULT_DB_ALIAS
            assert Covenant.objects.filter(name_en="Renamed on the primary").exists()
    assert [q.split()[0] for q in sql(on_replica)] == ["SELECT"]
    assert any(q.startswith("UPDATE") for q in sql(on_primary))
    assert any(q.startswith("SELECT") and "Renamed on the primary" in q for q in sql(on_primary))
    assert Covenant.objects.using(DEFAULT_DB_ALIAS).get(pk=covenant.pk).name_en == "Renamed on the primary"


def test_the_annual_report_reads_its_figures_from_the_primary(django_capture_on_commit_callbacks):
    # Published figures must be exact: the report is generated in a task, never in a replica block.
    cast = _world()
    with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica:
        report, _job = make_report(cast, django_capture_on_commit_callbacks)
    assert report.status == AnnualReport.Status.READY
    assert sql(on_replica) == []


@pytest.mark.django_db(transaction=False)
def test_only_the_primary_is_migrated():
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "covenants")
    assert not router.allow_migrate(REPLICA_DB_ALIAS, "covenants")
    assert router.allow_relation(Covenant(), Covenant())
    assert router.db_for_write(Covenant) == DEFAULT_DB_ALIAS
