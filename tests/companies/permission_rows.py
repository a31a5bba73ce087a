"""The companies app's rows of the permission matrix (see tests/permission_matrix.py).

The match in the paths is a potential match between two locations that another company disclosed.
An empty POST to decide it changes nothing: the secretariat is sent back to the queue."""

from __future__ import annotations

from companies.models import LocationMatch
from tests.permission_matrix import PUBLIC, SECRETARIAT_ONLY, Row, World, secretariat_only

from .factories import LocationFactory


def build(world: World) -> None:
    existing = LocationFactory(name="Matrix Knit Composite")
    candidate = LocationFactory(name="Matrix Knit Composite Unit 2")
    world.location_match = LocationMatch.objects.create(
        candidate=candidate,
        existing=existing,
        submitted_name=candidate.name,
        score=85,
        rule="country+city: name 85, address 85",
    )


ROWS = [
    Row("companies:locations", PUBLIC),
    Row("companies:matches", SECRETARIAT_ONLY),
    Row(
        "companies:match-decide",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"pk": w.location_match.pk},
        case="a pending match",
    ),
]
