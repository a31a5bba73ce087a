"""What the quick scan tests share: the dataset loaded and a garments covenant to join."""

from __future__ import annotations

from typing import Any

import pytest

from covenants.models import Covenant, Sector
from duediligence.quickscan.loading import load_dataset
from tests.covenants.factories import CovenantFactory, standard_theme


@pytest.fixture
def dataset(db: Any) -> None:
    standard_theme("child-labour")  # a flushed database gets the standard themes back
    load_dataset()


@pytest.fixture
def garments(db: Any) -> Covenant:
    return CovenantFactory(
        slug="garments-textile", sector=Sector.GARMENTS_TEXTILE, name_en="Garments and Textile"
    )


def scan_url(**params: Any) -> str:
    from urllib.parse import urlencode

    return "/en/due-diligence/quick-scan/?" + urlencode(params, doseq=True)
