"""The quick scan's dataset: `dataset.json` beside this module, versioned and reviewed like code.

Fields of `dataset.json`:

- `version` (int): the dataset's version; the secretariat's every change in the portal raises the
  version of the database copy by one, and the JSON export carries it, so an export can replace this
  file with a higher version.
- `released` (ISO date): when this version was written.
- `sources`: `code` (slug, referred to by indications), `title`, `publisher`, `year`, `url`: real public
  sources (OECD sector guidance, ILO/UNICEF estimates, the ITUC Global Rights Index ...). The reasons in
  the indications are our own summaries, not quotes.
- `indications`: exactly one of `sector` (a `covenants.Sector` code), `country` (ISO 3166-1 alpha-2)
  or `product` (a `ProductCategory` code); `theme` (a standard `RiskTheme` code); `level` ("high" or
  "elevated"); `source` (a source code); `reason_en`, `reason_nl` (why the theme applies).
- `actions`: first actions per OECD step: `step` (1 to 6), `theme` (a theme code, or null for every
  scan), `text_en`, `text_nl`.

`quickscan_dataset_load` (management command `quickscan_load`, the data migration and seed_demo) puts
the file into the database when the database holds no newer version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, TypedDict, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

DATASET = Path(__file__).with_name("dataset.json")


class ProductCategory(models.TextChoices):
    """Product categories (raw materials) with risks of their own, whatever the sector."""

    COTTON = "cotton", _("Cotton")
    LEATHER = "leather", _("Leather")
    COCOA = "cocoa", _("Cocoa")
    COFFEE = "coffee", _("Coffee")
    PALM_OIL = "palm_oil", _("Palm oil")
    SOY = "soy", _("Soy")
    GOLD = "gold", _("Gold")
    COBALT = "cobalt", _("Cobalt")
    MICA = "mica", _("Mica")
    NATURAL_STONE = "natural_stone", _("Natural stone")
    CUT_FLOWERS = "cut_flowers", _("Cut flowers")
    TIMBER = "timber", _("Timber")
    SEAFOOD = "seafood", _("Fish and seafood")
    ELECTRONICS = "electronics", _("Electronics")


class Level(models.TextChoices):
    HIGH = "high", _("high")
    ELEVATED = "elevated", _("elevated")


LEVEL_ORDER = {Level.HIGH: 2, Level.ELEVATED: 1}


class SourceData(TypedDict):
    code: str
    title: str
    publisher: str
    year: int
    url: str


class IndicationData(TypedDict, total=False):
    sector: str
    country: str
    product: str
    theme: str
    level: Literal["high", "elevated"]
    source: str
    reason_en: str
    reason_nl: str


class ActionData(TypedDict):
    step: int
    theme: str | None
    text_en: str
    text_nl: str


class DatasetData(TypedDict):
    version: int
    released: str
    sources: list[SourceData]
    indications: list[IndicationData]
    actions: list[ActionData]


def dataset_file() -> DatasetData:
    """The dataset as committed in the repository."""
    return cast(DatasetData, json.loads(DATASET.read_text(encoding="utf-8")))


def dimension_of(indication: dict[str, Any]) -> tuple[str, str]:
    """("sector" | "country" | "product", its code) of one indication."""
    found = [(name, indication[name]) for name in ("sector", "country", "product") if indication.get(name)]
    if len(found) != 1:
        raise ValueError(f"an indication names exactly one sector, country or product: {indication}")
    return found[0]
