"""The choice codes an uploaded location list is mapped onto, in one place.

These lists are the single source for the location model's choices as well: the model's
``choices=`` should be built from ``SECTORS``, ``PROCESSING_TYPES`` and ``WORKER_BANDS`` (codes are
stored, labels are translated). The synonym tables map the words companies actually write, in
English and Dutch (and the Open Supply Hub vocabulary), onto those codes; keys are normalised with
``normalise_word`` (lower case, no accents, no punctuation or spaces).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import StrOrPromise

SECTORS: tuple[tuple[str, StrOrPromise], ...] = (
    ("apparel", _("Garments and textile")),
    ("footwear", _("Footwear")),
    ("metals", _("Metals and minerals")),
    ("food", _("Food products")),
    ("agriculture", _("Agriculture")),
    ("wood", _("Wood and paper")),
    ("electronics", _("Electronics")),
    ("other", _("Other")),
)

PROCESSING_TYPES: tuple[tuple[str, StrOrPromise], ...] = (
    ("cut_make_trim", _("Cut-make-trim")),
    ("printing", _("Printing")),
    ("embroidery", _("Embroidery")),
    ("washing", _("Washing and laundry")),
    ("dyeing", _("Dyeing and finishing")),
    ("fabric_mill", _("Fabric mill (weaving and knitting)")),
    ("spinning", _("Spinning")),
    ("ginning", _("Ginning")),
    ("tannery", _("Tannery")),
    ("trims", _("Trims and accessories")),
    ("packing", _("Packing and warehouse")),
    ("assembly", _("Assembly")),
    ("mine", _("Mine")),
    ("smelter", _("Smelter or refinery")),
    ("farm", _("Farm or plantation")),
    ("processing", _("Food processing")),
    ("other", _("Other")),
)

#: Worker bands: (code, label, lowest, highest); the last band has no upper bound.
WORKER_BANDS: tuple[tuple[str, StrOrPromise, int, int | None], ...] = (
    ("1-100", _("1 to 100"), 1, 100),
    ("101-500", _("101 to 500"), 101, 500),
    ("501-1000", _("501 to 1,000"), 501, 1000),
    ("1001-5000", _("1,001 to 5,000"), 1001, 5000),
    ("5001+", _("More than 5,000"), 5001, None),
)

#: Tier codes: 3 stands for "3 and further".
TIERS: tuple[tuple[int, StrOrPromise], ...] = (
    (1, _("Tier 1")),
    (2, _("Tier 2")),
    (3, _("Tier 3 and further")),
)

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
        "apparel": "garments|garment|apparel|textile|textiles|clothing|kleding|textiel|kleding en textiel"
        "|garments and textile|apparel and textiles|home textiles|garments and textiles",
        "footwear": "shoes|schoenen|schoeisel|footwear and leather|leather|leer",
        "metals": "metal|metalen|metals and minerals|metaal|minerals|mineralen|mining|mijnbouw",
        "food": "voeding|voedingsmiddelen|food products|levensmiddelen",
        "agriculture": "landbouw|farming|natural rubber|natuurrubber|cocoa|cacao",
        "wood": "hout|paper|papier|forestry|bosbouw|timber",
        "electronics": "elektronica|electrical",
        "other": "overig|overige|anders",
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
        "fabric_mill": "weaving|knitting|weven|breien|weverij|breierij|stoffenfabriek|textile mill"
        "|fabric production|raw material processing or production",
        "spinning": "spinnen|spinnerij|yarn|garen|yarn spinning|yarn production",
        "ginning": "egreneren|cotton ginning",
        "tannery": "tanning|leerlooierij|looien|looierij",
        "trims": "accessories|fournituren|buttons|zippers|labels",
        "packing": "packaging|verpakken|warehouse|magazijn|warehousing",
        "assembly": "assemblage|montage",
        "mine": "mijn|mining|quarry|groeve",
        "smelter": "smelterij|refinery|raffinaderij|smelting",
        "farm": "boerderij|plantation|plantage|cotton farm",
        "processing": "food processing|voedselverwerking|verwerking",
        "other": "overig|overige|anders",
    }
)

_BAND_WORDS: dict[str, str] = {
    normalise_word(word): "5001+" for word in ("more than 5000", "meer dan 5000", "over 5000", "5000 plus")
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
