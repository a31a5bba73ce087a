"""A backup taken as docs/operations.md says (pg_dump, custom format), the database dropped, restored
with pg_restore: the portal on the restored database shows the seeded content and signs users in."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from tests.companies.factories import LocationFactory, SupplyLinkFactory
from tests.covenants.factories import MembershipFactory
from tests.factories import PASSWORD, UserFactory

from .postgres import PostgresCluster, binaries, dump, restore
from .stack import Stack, database_url, portal_environment
from .web import Browser

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(binaries() is None, reason="needs the PostgreSQL server binaries"),
]


def test_a_dump_restored_into_an_empty_database_serves_the_same_pages(
    stack: Stack, transactional_db, tmp_path: Path
):
    membership = MembershipFactory(active=True)
    covenant = membership.covenant
    user = UserFactory(organisation=membership.company)
    location = LocationFactory(name="Restored Knitwear Ltd", country="BD")
    SupplyLinkFactory(company=membership.company, covenant=covenant, location=location, show_publicly=True)

    cluster = PostgresCluster()
    stack.closers.append(cluster.stop)
    cluster.start()
    cluster.create_database("portal")
    # The seeded production database: this test's rows on the migrated schema.
    restore(cluster.url("portal"), dump(database_url(connection.settings_dict), tmp_path / "seed.dump"))

    backup = dump(cluster.url("portal"), tmp_path / "portal.dump")
    assert backup.read_bytes()[:5] == b"PGDMP"  # the custom format pg_restore reads
    cluster.drop_database("portal")
    assert "portal" not in cluster.psql("postgres", "SELECT datname FROM pg_database").split()
    cluster.create_database("portal")
    restore(cluster.url("portal"), backup)

    redis = stack.redis()
    env = portal_environment(
        database_url=cluster.url("portal"),
        redis_url=redis.url(0),
        broker_url=redis.url(1),
        media_root=tmp_path / "media",
        email_url=f"filemail://{tmp_path / 'mail'}",
    )
    web = stack.gunicorn(env, workers=1, threads=2)
    visitor = Browser(web.url)
    page = visitor.get(f"/en/covenants/{covenant.slug}/")
    assert page.status_code == 200 and covenant.name_en in page.text
    listing = visitor.get("/en/covenants/")
    assert listing.status_code == 200 and covenant.name_en in listing.text
    locations = visitor.get(f"/en/locations/?q={location.name}")
    assert locations.status_code == 200 and "Restored Knitwear Ltd" in locations.text

    member = Browser(web.url)
    member.sign_in(user.email, PASSWORD)  # the password hash and the verified address came back too
    home = member.get("/en/dashboard/")
    assert home.status_code == 302 and "/account/login" not in home.headers["Location"]
    own = member.get(home.headers["Location"])
    assert own.status_code == 200 and user.email in own.text
