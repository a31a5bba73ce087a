"""Without DATABASE_REPLICA_URL there is no replica: every query goes to the primary."""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router

from covenants.models import Covenant
from portal.core.db_routing import REPLICA_DB_ALIAS, read_alias, reads_from_replica, replica_reads


def test_without_a_replica_every_read_goes_to_the_primary():
    assert REPLICA_DB_ALIAS not in settings.DATABASES
    with replica_reads():
        assert read_alias() == DEFAULT_DB_ALIAS
        assert router.db_for_read(Covenant) == DEFAULT_DB_ALIAS


def test_a_replica_block_ends_with_the_view():
    seen = []

    @reads_from_replica
    def view() -> str:
        from portal.core import db_routing

        seen.append(db_routing._replica_reads.get())
        return "page"

    assert view() == "page"
    assert seen == [True]
    from portal.core import db_routing

    assert db_routing._replica_reads.get() is False
