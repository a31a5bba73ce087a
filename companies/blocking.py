"""Which existing locations a submitted one is scored against: blocks, and a word index per block.

Pure, no database: the row-by-row service fills `CountryBlocks` with the block it read, the bulk
matcher with every active location of the batch's countries, and both decide through
`CountryBlocks.best`, so a list matched in bulk gets the decisions it would get row after row.

**Blocks**: locations of another country are never candidates. Within the country the block is the
locations of the same city; without one (or when no location has that city yet), those of the same
postal code; else the whole country.

**Shortlist** (why 100,000 rows into 100,000 locations take seconds, not hours): scoring every
location of a city block costs rows times block size. A location is only worth scoring when it
shares a telling word with the submitted name, so each block keeps an index from the words of its
names to the locations that bear them. The submitted name's words are taken from the rarest in the
block up; the locations bearing them join the shortlist as long as it stays within
`SHORTLIST_SIZE` (the rarest word always joins). A word borne by more locations than that
("garments" in Dhaka) tells little, so a name made only of such words is scored against the
locations that bear its two rarest words together, at most `COMMON_WORDS_CAP` of them. Locations
with exactly the same letters (spaces left out: Han syllables against pinyin words) always join.

What the shortlist gives up, on purpose: two names that share no telling word and differ in their
letters too ("Rahman Knitting 12" against "Rahmann Kniting 21") are not compared; such pairs reach
the review band at best, and a person can still merge them from the location pages.

Two more rules that need no scoring: the same name and address in the block is the same location
(score 100), and a submission without an address that repeats a location without one, with the same
name, city and postal code, is that location (score 100: a list applied twice must not put its own
locations up for review, and the scorer caps a name without an address below the automatic band).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .matching import Candidate, Scored, best_match

#: Most locations to score for one submitted name through its telling words.
SHORTLIST_SIZE = 200
#: Most locations to score for a name made only of common words (those bearing its two rarest words).
COMMON_WORDS_CAP = 1000

#: An index from a word (or letters, or an address) to the positions of the candidates bearing it:
#: one position as a plain int (most words of a block are borne by one location), several as a list.
Postings = dict[str, int | list[int]]


def _post(index: Postings, key: str, position: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = position
    elif isinstance(found, int):
        index[key] = [found, position]
    else:
        found.append(position)


def _positions(index: Postings, key: str) -> Sequence[int]:
    found = index.get(key)
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


def _telling_shortlist(index: Postings, words: set[str], size: int) -> set[int]:
    """The candidates that bear the telling words among `words` (see the module's docstring)."""
    postings = sorted((p for p in (_positions(index, word) for word in words) if p), key=len)
    if not postings:
        return set()
    if len(postings[0]) > SHORTLIST_SIZE:
        common = set(postings[0]).intersection(*postings[1:2])
        return set(sorted(common)[:COMMON_WORDS_CAP])
    found = set(postings[0])
    taken = len(postings[0])
    for more in _telling(postings, size)[1:]:
        taken += len(more)
        if taken > SHORTLIST_SIZE:
            break
        found.update(more)
    return found


def _telling(postings: list[Sequence[int]], size: int) -> list[Sequence[int]]:
    """The rarest words that carry half of the name's weight (rarity: log(block size / bearers)).

    A location that shares at least half of that weight with the name bears one of them. Rarest first."""
    weights = [math.log((size + 1) / len(p)) for p in postings]
    half, carried = sum(weights) / 2, 0.0
    for count, weight in enumerate(weights, start=1):
        carried += weight
        if carried >= half:
            return postings[:count]
    return postings


class BlockIndex:
    """The candidates of one block with an index of their name words.

    Candidates are indexed lazily, on the first look-up after they were added, so a block nobody asks
    about (the whole country, when every row has a city) costs a list append per candidate."""

    __slots__ = ("_addresses", "_indexed", "_letters", "_plain", "_words", "candidates")

    def __init__(self) -> None:
        self.candidates: list[Candidate] = []
        self._indexed = 0
        self._words: Postings = {}  # every candidate, by the words of its name
        self._plain: Postings = {}  # the candidates whose names carry no number, by their words
        self._letters: Postings = {}  # by the letters of the name without spaces
        self._addresses: Postings = {}

    def __len__(self) -> int:
        return len(self.candidates)

    def add(self, candidate: Candidate) -> None:
        self.candidates.append(candidate)

    def _catch_up(self) -> None:
        for index in range(self._indexed, len(self.candidates)):
            candidate = self.candidates[index]
            name = candidate.name_key
            _post(self._letters, name.replace(" ", ""), index)
            words = set(name.split())
            plain = not any(word.isdigit() for word in words)
            for word in words:
                _post(self._words, word, index)
                if plain:
                    _post(self._plain, word, index)
            if candidate.address_key:
                _post(self._addresses, candidate.address_key, index)
        self._indexed = len(self.candidates)

    def shortlist(self, name_key: str, address_key: str = "") -> list[int]:
        """The indices of the candidates worth scoring against a submitted name (and address), in the
        order they were added."""
        self._catch_up()
        found = set(_positions(self._letters, name_key.replace(" ", "")))
        same_address = _positions(self._addresses, address_key) if address_key else ()
        if len(same_address) <= SHORTLIST_SIZE:
            found.update(same_address)
        words = set(name_key.split())
        numbers = {word for word in words if word.isdigit()}
        size = len(self.candidates)
        if not numbers:
            found.update(_telling_shortlist(self._words, words, size))
            return sorted(found)
        # A name with numbers reaches the review band by name only with a name without numbers, or
        # one whose numbers include or are included in its own (`matching.OTHER_NUMBERS_CAP`): such a
        # name bears one of its numbers.
        same: set[int] = set()
        for number in numbers:
            same.update(_positions(self._words, number))
        if len(same) > SHORTLIST_SIZE:
            same &= _telling_shortlist(self._words, words - numbers, size)
        found |= same
        found.update(_telling_shortlist(self._plain, words - numbers, size))
        return sorted(found)

    def _same(self, name_key: str, address_key: str, city_key: str, postal_code: str) -> int | None:
        """The first candidate with the same name and address, or, for a submission without an
        address, the first without one with the same name, city and postal code."""
        for index in _positions(self._letters, name_key.replace(" ", "")):
            other = self.candidates[index]
            if other.name_key != name_key or other.address_key != address_key:
                continue
            if address_key or (other.city_key, other.postal_code) == (city_key, postal_code):
                return index
        return None

    def best(
        self, name_key: str, address_key: str, city_key: str, postal_code: str, *, block: str
    ) -> Scored | None:
        """The best candidate of this block for a submitted location, or None below the review band."""
        self._catch_up()
        same = self._same(name_key, address_key, city_key, postal_code)
        if same is not None:
            rule = "same name and address" if address_key else "same name, city and postal code"
            return Scored(self.candidates[same].pk, 100.0, f"{block}: {rule}")
        indices = self.shortlist(name_key, address_key)
        return best_match(name_key, address_key, [self.candidates[i] for i in indices], block=block)


class CountryBlocks:
    """The active candidates of one country, blocked by city and by postal code."""

    __slots__ = ("by_city", "by_postal", "everything")

    def __init__(self) -> None:
        self.everything = BlockIndex()
        self.by_city: dict[str, BlockIndex] = {}
        self.by_postal: dict[str, BlockIndex] = {}

    def add(self, candidate: Candidate) -> None:
        self.everything.add(candidate)
        if candidate.city_key:
            self.by_city.setdefault(candidate.city_key, BlockIndex()).add(candidate)
        if candidate.postal_code:
            self.by_postal.setdefault(candidate.postal_code, BlockIndex()).add(candidate)

    def block_for(self, city_key: str, postal_code: str) -> tuple[BlockIndex, str]:
        """The block a submitted location is matched in, with its label for the match's rule."""
        city = self.by_city.get(city_key) if city_key else None
        if city:
            return city, "country+city"
        postal = self.by_postal.get(postal_code) if postal_code else None
        if postal:
            return postal, "country+postal code"
        return self.everything, "country"

    def best(self, name_key: str, address_key: str, city_key: str, postal_code: str) -> Scored | None:
        """The best existing location for a submitted one, or None when none reaches the review band."""
        if not name_key:
            return None
        block, label = self.block_for(city_key, postal_code)
        return block.best(name_key, address_key, city_key, postal_code, block=label)
