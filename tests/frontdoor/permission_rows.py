"""The front door's rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from covenants.models import Covenant
from tests.covenants.factories import CovenantFactory
from tests.permission_matrix import PUBLIC, Row, World, expect


def build(world: World) -> None:
    from duediligence import services
    from duediligence.frameworks.default import DEFAULT_FRAMEWORK

    world.front_covenant = CovenantFactory(slug="matrix-front")
    world.front_talks = CovenantFactory(slug="matrix-front-talks", status=Covenant.Status.NEGOTIATION)
    secretariat = world.users["secretariat"]
    draft = services.framework_create_from_data(
        actor=secretariat, covenant=world.front_covenant, data=dict(DEFAULT_FRAMEWORK)
    )
    world.front_framework = services.framework_publish(actor=secretariat, framework_id=draft.pk)


#: Machine-read files: the same for everyone, also a user of a waiting organisation.
EVERYONE = expect(200, pending="waiting")

ROWS: list[Row] = [
    Row("robots", EVERYONE),
    Row("sitemap", EVERYONE),
    Row("search", PUBLIC, case="no words"),
    Row("publications", PUBLIC, kwargs=lambda w: {"slug": w.front_covenant.slug}),
    Row(
        "publications",
        expect(404, pending="waiting"),
        kwargs=lambda w: {"slug": w.front_talks.slug},
        case="in negotiation",
    ),
    Row(
        "framework",
        PUBLIC,
        kwargs=lambda w: {"slug": w.front_covenant.slug, "version": w.front_framework.version},
    ),
]

ROWS += [
    Row("api:publications", expect(200, pending=403), kwargs=lambda w: {"slug": w.front_covenant.slug}),
    Row(
        "api:publications",
        expect(404, pending=403),
        kwargs=lambda w: {"slug": w.front_talks.slug},
        case="in negotiation",
    ),
]
