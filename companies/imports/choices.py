"""The choice codes an uploaded location list is mapped onto, in one place.

The codes and labels come from the models (covenants' ``Sector``, the location's ``ProcessingType``,
``WorkerBand`` and the link's ``Tier``), so a parsed row always holds codes the model accepts. The synonym tables map the words companies actually write, in
English and Dutch (and the Open Supply Hub vocabulary), onto those codes; keys are normalised with
``normalise_word`` (lower case, no accents, no punctuation or spaces).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from django.utils import translation

from companies.models.choices import ProcessingType, Tier, WorkerBand
from covenants.models import Sector

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import StrOrPromise

SECTORS: tuple[tuple[str, StrOrPromise], ...] = tuple(Sector.choices)
PROCESSING_TYPES: tuple[tuple[str, StrOrPromise], ...] = tuple(ProcessingType.choices)

#: The lowest and highest worker count of each band; the last band has no upper bound.
_BAND_LIMITS: dict[str, tuple[int, int | None]] = {
    WorkerBand.UP_TO_100: (1, 100),
    WorkerBand.UP_TO_500: (101, 500),
    WorkerBand.UP_TO_1000: (501, 1000),
    WorkerBand.UP_TO_5000: (1001, 5000),
    WorkerBand.OVER_5000: (5001, None),
}
#: Worker bands: (code, label, lowest, highest).
WORKER_BANDS: tuple[tuple[str, StrOrPromise, int, int | None], ...] = tuple(
    (str(band.value), band.label, *_BAND_LIMITS[band]) for band in WorkerBand if band in _BAND_LIMITS
)

#: Tier codes: 3 stands for "3 and further".
TIERS: tuple[tuple[int, StrOrPromise], ...] = tuple(Tier.choices)

OTHER = "other"

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_word_spaced(value: str) -> str:
    """Lower case, accents removed, every run of other characters one space."""
    text = unicodedata.normalize("NFKD", value.casefold())
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def normalise_word(value: str) -> str:
    """Lower case, accents removed, everything but letters and digits dropped."""
    return normalise_word_spaced(value).replace(" ", "")


def _table(pairs: dict[str, str]) -> dict[str, str]:
    """Synonyms written as "word|word|word" per code, keyed by their normalised form."""
    table: dict[str, str] = {}
    for code, words in pairs.items():
        table[normalise_word(code)] = code
        for word in words.split("|"):
            table[normalise_word(word)] = code
    return table


SECTOR_WORDS: dict[str, str] = _table(
    {
        "garments_textile": "garments|garment|apparel|textile|textiles|clothing|kleding|textiel|kleding en textiel"
        "|garments and textile|apparel and textiles|home textiles|garments and textiles|shoes|schoenen"
        "|schoeisel|footwear|footwear and leather|leather|leer",
        "metals": "metal|metalen|metals and minerals|metaal|minerals|mineralen|mining|mijnbouw|electronics"
        "|elektronica|electrical",
        "gold": "goud|gold mining",
        "natural_stone": "natuursteen|stone|steen|natural stone",
        "food_products": "food|voeding|voedingsmiddelen|food products|levensmiddelen|agriculture|landbouw"
        "|farming|cocoa|cacao",
        "vegetable_proteins": "vegetable proteins|plantaardige eiwitten|soy|soja",
        "forestry": "hout|wood|paper|papier|forestry|bosbouw|timber",
        "floriculture": "flowers|bloemen|sierteelt|floriculture",
        "other": "overig|overige|anders|natural rubber|natuurrubber",
    }
)

PROCESSING_WORDS: dict[str, str] = _table(
    {
        "cut_make_trim": "cmt|cut make trim|sewing|naaien|naaiatelier|confectie|garment manufacturing"
        "|final product assembly|stitching|cutting|knippen|garment factory|kledingfabriek",
        "printing": "print|screen printing|bedrukken|drukkerij|printen",
        "embroidery": "borduren|borduurwerk",
        "washing": "laundry|laundering|wassen|wasserij|garment washing",
        "dyeing": "verven|ververij|finishing|dyeing and finishing|wet processing|veredeling",
        "knitting": "knitting|breien|breierij",
        "fabric_mill": "weaving|weven|weverij|stoffenfabriek|textile mill"
        "|fabric production|raw material processing or production",
        "spinning": "spinnen|spinnerij|yarn|garen|yarn spinning|yarn production",
        "ginning": "egreneren|cotton ginning",
        "tannery": "tanning|leerlooierij|looien|looierij",
        "trims": "accessories|fournituren|buttons|zippers|labels",
        "warehouse": "packing|packaging|verpakken|magazijn|warehousing",
        "assembly": "assemblage|montage",
        "mine": "mijn|mining|quarry|groeve",
        "smelter": "smelterij|smelting",
        "refinery": "raffinaderij|refining",
        "farm": "boerderij|cotton farm",
        "plantation": "plantage",
        "food_processing": "food processing|voedselverwerking|verwerking",
        "other": "overig|overige|anders",
    }
)

_BAND_WORDS: dict[str, str] = {
    normalise_word(word): str(WorkerBand.OVER_5000.value)
    for word in ("more than 5000", "meer dan 5000", "over 5000", "5000 plus")
}


def band_for_count(count: int) -> str:
    """The worker band code that holds ``count`` workers (count >= 1)."""
    for code, _label, low, high in WORKER_BANDS:
        if count >= low and (high is None or count <= high):
            return code
    raise ValueError(count)


def band_for_word(value: str) -> str | None:
    """A band written out ("more than 5000", "meer dan 5.000"), or None."""
    return _BAND_WORDS.get(normalise_word(value))


def _label_codes(options: tuple[tuple[str, StrOrPromise], ...]) -> dict[str, str]:
    """The portal's own labels of `options`, in English and Dutch, mapped onto their codes: a list the
    portal exported in either language reads back as it was."""
    table: dict[str, str] = {}
    for language in ("en", "nl"):
        with translation.override(language):
            for code, label in options:
                table.setdefault(normalise_word(str(label)), code)
    return table


@functools.cache
def sector_labels() -> dict[str, str]:
    return _label_codes(SECTORS)


@functools.cache
def processing_labels() -> dict[str, str]:
    return _label_codes(PROCESSING_TYPES)
