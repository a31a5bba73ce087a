"""Normalising and scoring production locations, so the same factory disclosed twice becomes one location.

Pure functions, no database: the services (and the upload) use them on one row or on a whole file.

Normalising a name: scripts other than Latin are transliterated with `anyascii` (a maintained table
covering every Unicode script); accents go (Ş -> s, the dotless i -> i, é -> e); case is folded; dotted
abbreviations are joined (S.A. -> sa); punctuation becomes a space; common abbreviations are written
out (rd -> road, ind -> industrial); legal forms (Ltd, Pvt, GmbH, A.Ş., Sdn Bhd, ...) are dropped.

Han characters: anyascii gives each character its Mandarin pinyin syllable without tone marks
(深圳 -> "ShenZhen"). We put a space between the syllables, and the scorer also compares the names with
all spaces removed, so "深圳华丰服装" meets "Shenzhen Huafeng Fuzhuang" however the pinyin is grouped
into words. It cannot meet an English translation ("Shenzhen Huafeng Garment"): 服装 is "fuzhuang",
not "garment"; such pairs score in the review band at best, and a person decides. Japanese kanji are
read as Mandarin too, so Japanese names are only reliably matched against their own script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz, process

#: From this score on, a submitted location is the existing one without asking anybody.
AUTO_MATCH_SCORE = 92.0
#: From this score up to AUTO_MATCH_SCORE, the secretariat reviews the pair as a potential match.
REVIEW_SCORE = 75.0
#: Weights of the name and the address in the combined score (when both sides have an address).
NAME_WEIGHT = 0.7
ADDRESS_WEIGHT = 0.3
#: Without an address on both sides the name alone cannot prove a match: at most the review band.
NAME_ONLY_CAP = 90.0
#: Names whose numbers conflict ("Unit 1" and "Unit 2" of one group, "Mill 3" and "Mill 4": both carry
#: numbers and neither's numbers include the other's) are other places: their name similarity stays
#: below the review band, so only the same address can still bring such a pair to review.
OTHER_NUMBERS_CAP = REVIEW_SCORE - 1
#: Addresses whose numbers conflict ("Plot 9, Road 7" and "Plot 12, Road 4") are other addresses,
#: however alike their words: the same name at another plot is a case for review, never automatic.
OTHER_ADDRESS_NUMBERS_CAP = 50.0

#: Legal forms, written as they look after normalising (lower case, dotted forms joined, no
#: punctuation). The one place to extend: longer phrases are removed before their parts.
LEGAL_SUFFIXES: tuple[str, ...] = (
    # English and South Asia
    "private limited",
    "pvt ltd",
    "pvt",
    "private",
    "limited",
    "ltd",
    "co ltd",
    "company",
    "co",
    "corporation",
    "corp",
    "incorporated",
    "inc",
    "llc",
    "plc",
    "llp",
    "jsc",
    # Continental Europe
    "gmbh",
    "ag",
    "bv",
    "nv",
    "sa",
    "sl",
    "sas",
    "sarl",
    "spa",
    "srl",
    "lda",
    "sa de cv",
    "cv",
    # Turkey
    "anonim sirketi",
    "limited sirketi",
    "sanayi ve ticaret",
    "san ve tic",
    "san tic",
    "sanayi",
    "ticaret",
    "san",
    "tic",
    "ltd sti",
    "sti",
    "as",
    # South-East Asia and China (pinyin of 有限公司 and 股份)
    "sdn bhd",
    "bhd",
    "pt",
    "tbk",
    "jsc",
    "youxian gongsi",
    "you xian gong si",
    "gufen",
    "gu fen",
    "gongsi",
    "gong si",
)

#: Common abbreviations in addresses and names, written out.
ABBREVIATIONS: dict[str, str] = {
    "rd": "road",
    "st": "street",
    "str": "street",
    "ave": "avenue",
    "av": "avenue",
    "blvd": "boulevard",
    "hwy": "highway",
    "ln": "lane",
    "sq": "square",
    "ind": "industrial",
    "indl": "industrial",
    "inds": "industries",
    "bldg": "building",
    "fl": "floor",
    "flr": "floor",
    "dist": "district",
    "dt": "district",
    "mfg": "manufacturing",
    "intl": "international",
    "tex": "textile",
    "txt": "textile",
    "mah": "mahallesi",
    "mh": "mahallesi",
    "cad": "caddesi",
    "cd": "caddesi",
    "sok": "sokak",
    "sk": "sokak",
    "no": "number",
    "nr": "number",
    "opp": "opposite",
    "bd": "bangladesh",
}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _suffixes_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The legal forms by their first word, longest first, so each word of a name costs one look-up."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for suffix in LEGAL_SUFFIXES:
        words = tuple(suffix.split())
        found.setdefault(words[0], set()).add(words)
    return {first: tuple(sorted(forms, key=len, reverse=True)) for first, forms in found.items()}


_SUFFIXES = _suffixes_by_first_word()


def transliterate(text: str) -> str:
    """ASCII with the script transliterated; one token per Han/kana/hangul syllable."""
    if text.isascii():
        return text
    spaced = _CJK.sub(lambda m: f" {anyascii(m.group())} ", text)
    return anyascii(spaced)


def _tokens(text: str) -> list[str]:
    text = transliterate(text).casefold().replace("&", " and ")
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    return _NON_WORD.sub(" ", text).split()


def _drop_legal_forms(tokens: list[str]) -> list[str]:
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for suffix in _SUFFIXES.get(tokens[i], ()):
            if tuple(tokens[i : i + len(suffix)]) == suffix:
                i += len(suffix)
                break
        else:
            kept.append(tokens[i])
            i += 1
    # A name that is only a legal form ("Company Ltd") keeps its words rather than vanish.
    return kept or tokens


def normalise_name(name: str) -> str:
    """The matching key of a name: "Dhaka Knit Composite Ltd." -> "dhaka knit composite"."""
    tokens = [ABBREVIATIONS.get(token, token) for token in _tokens(name or "")]
    return " ".join(_drop_legal_forms(tokens))


def normalise_address(address: str) -> str:
    """The matching key of an address: "Plot 12, Ind. Rd." -> "plot 12 industrial road"."""
    return " ".join(ABBREVIATIONS.get(token, token) for token in _tokens(address or ""))


@lru_cache(maxsize=4096)
def normalise_city(city: str) -> str:
    """The matching key of a city: "İzmir" -> "izmir" (a list names the same few cities on every row)."""
    return " ".join(_tokens(city or ""))


def name_similarity(a: str, b: str) -> float:
    """0-100 for two name keys: word sets and word order, or the letters with all spaces removed
    (transliterated Han syllables against pinyin words)."""
    if not a or not b:
        return 0.0
    words = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    letters = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
    similar = float(max(words, letters))
    if similar > OTHER_NUMBERS_CAP and numbers_conflict(a, b):
        return OTHER_NUMBERS_CAP
    return similar


def address_similarity(a: str, b: str) -> float:
    """0-100 for two address keys: their word sets, at most OTHER_ADDRESS_NUMBERS_CAP when their numbers
    conflict."""
    similar = float(fuzz.token_set_ratio(a, b))
    if similar > OTHER_ADDRESS_NUMBERS_CAP and numbers_conflict(a, b):
        return OTHER_ADDRESS_NUMBERS_CAP
    return similar


def key_numbers(key: str) -> frozenset[str]:
    """The numbers standing as words in a normalised key ("sunrise knitwear unit 2" -> {"2"})."""
    return frozenset(word for word in key.split() if word.isdigit())


def numbers_conflict(a: str, b: str) -> bool:
    """Both keys carry numbers and neither's numbers include the other's ("mill 3 unit 2" and "mill 3"
    do not conflict; "unit 1" and "unit 2" do)."""
    numbers_a, numbers_b = key_numbers(a), key_numbers(b)
    return bool(numbers_a and numbers_b) and not (numbers_a <= numbers_b or numbers_b <= numbers_a)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing location as the scorer sees it (city and postal code for the blocks)."""

    pk: int
    name_key: str
    address_key: str
    city_key: str = ""
    postal_code: str = ""


@dataclass(frozen=True, slots=True)
class Scored:
    pk: int
    score: float
    rule: str


def score(
    name_key: str, address_key: str, other: Candidate, *, block: str, name_score: float | None = None
) -> Scored:
    """The combined score of a submitted location against one candidate, and the rule that produced it
    (`name_score`: the name similarity when the caller has it already)."""
    if name_key == other.name_key and address_key and address_key == other.address_key:
        return Scored(other.pk, 100.0, f"{block}: same name and address")
    if name_score is None:
        name_score = name_similarity(name_key, other.name_key)
    if address_key and other.address_key:
        address_score = address_similarity(address_key, other.address_key)
        combined = NAME_WEIGHT * name_score + ADDRESS_WEIGHT * address_score
        return Scored(
            other.pk,
            round(combined, 2),
            f"{block}: name {name_score:.0f}, address {address_score:.0f}",
        )
    return Scored(
        other.pk, round(min(name_score, NAME_ONLY_CAP), 2), f"{block}: name {name_score:.0f}, no address"
    )


#: Below this name score no candidate can reach the review band, with or without an address (a
#: margin of one point for the rounding of the combined score).
_NAME_FLOOR = min(REVIEW_SCORE, (REVIEW_SCORE - ADDRESS_WEIGHT * 100) / NAME_WEIGHT) - 1


def best_match(
    name_key: str,
    address_key: str,
    candidates: Sequence[Candidate],
    *,
    block: str,
    shortlist: int = 10,
    spaceless: Sequence[str] | None = None,
) -> Scored | None:
    """The best-scoring candidate from one block, or None when none reaches the review band.

    The `shortlist` candidates with the best name scores are scored in full. rapidfuzz first keeps, at C
    speed, every candidate whose word or letter score could reach the review band at all; only those get
    the full name score. `spaceless` (the names without spaces, in candidate order) spares bulk callers
    rebuilding it per row."""
    if not candidates or not name_key:
        return None
    names = [c.name_key for c in candidates]
    if len(candidates) <= shortlist:
        # Every candidate gets the full score anyway; one below the floor cannot reach the band.
        possible: set[int] | range = range(len(candidates))
    else:
        if spaceless is None:
            spaceless = [name.replace(" ", "") for name in names]
        possible = set()
        for query, choices, scorer in (
            (name_key, names, fuzz.token_set_ratio),
            (name_key, names, fuzz.token_sort_ratio),
            (name_key.replace(" ", ""), spaceless, fuzz.ratio),
        ):
            found = process.extract(query, choices, scorer=scorer, score_cutoff=_NAME_FLOOR, limit=None)
            possible.update(index for _choice, _score, index in found)
    similar = {index: name_similarity(name_key, names[index]) for index in possible}
    ranked = sorted(similar, key=lambda index: (-similar[index], index))
    best: Scored | None = None
    for index in ranked[:shortlist]:
        scored = score(name_key, address_key, candidates[index], block=block, name_score=similar[index])
        if best is None or scored.score > best.score:
            best = scored
    if best is None or best.score < REVIEW_SCORE:
        return None
    return best


def decision(score_value: float) -> str:
    """ "match" (automatic), "review" (potential match) or "new"."""
    if score_value >= AUTO_MATCH_SCORE:
        return "match"
    if score_value >= REVIEW_SCORE:
        return "review"
    return "new"


def keys(rows: Iterable[dict[str, str]]) -> list[tuple[str, str, str]]:
    """(name_key, address_key, city_key) per row, for bulk callers such as the upload."""
    return [
        (
            normalise_name(r.get("name", "")),
            normalise_address(r.get("address", "")),
            normalise_city(r.get("city", "")),
        )
        for r in rows
    ]
