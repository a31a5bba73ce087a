"""Permission matrix rows of the quick scan: the scan, its export and its API are public; saving a
result is for a company (into its own register); the dataset pages are the secretariat's."""

from __future__ import annotations

from duediligence.models import QuickScanIndication
from duediligence.quickscan.loading import load_dataset
from tests.covenants.factories import standard_theme
from tests.permission_matrix import (
    LOGIN,
    PUBLIC,
    SECRETARIAT_ONLY,
    WAITING,
    Row,
    World,
    expect,
    secretariat_only,
)


def build(world: World) -> None:
    standard_theme("child-labour")  # the standard themes exist (the dataset names them)
    load_dataset()
    world.qs_indication = QuickScanIndication.objects.order_by("pk").first()


SCAN = {"sector": "garments_textile", "countries": ["BD"]}

ROWS: list[Row] = [
    Row("duediligence:quickscan", PUBLIC),
    Row(
        "duediligence:quickscan-save",
        expect(404, anonymous=LOGIN, pending=WAITING, company=302),
        method="POST",
        data=SCAN,
        case="a valid scan: the company goes on to its register",
    ),
    Row("duediligence:quickscan-dataset", SECRETARIAT_ONLY),
    Row("duediligence:quickscan-export", PUBLIC),
    Row("duediligence:quickscan-indication-create", SECRETARIAT_ONLY),
    Row(
        "duediligence:quickscan-indication-edit",
        SECRETARIAT_ONLY,
        kwargs=lambda w: {"pk": w.qs_indication.pk},
    ),
    Row(
        "duediligence:quickscan-indication-delete",
        SECRETARIAT_ONLY,
        method="POST",
        kwargs=lambda w: {"pk": w.qs_indication.pk},
        case="the confirmation page",
    ),
    Row(
        "duediligence:quickscan-indication-delete",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"pk": w.qs_indication.pk},
        data={"confirmed": "yes"},
        case="confirmed",
    ),
    Row("api:quick-scan", expect(400, pending=403), case="no parameters"),
]
