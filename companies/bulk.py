"""Matching a whole batch of submitted locations at once (large uploads).

The decisions are those of `services.location_match_or_create` applied row after row: the same blocks
(country and city, else country and postal code, else the country), the same scorer
(`matching.best_match`) and the same thresholds (`matching.decision`). What differs is the cost:
the candidates of every block the batch touches are read in one query with only the columns the
scorer needs, the rows are normalised once, and new locations, their events and the potential
matches are written with bulk inserts in chunks. A location created earlier in the batch is a
candidate for the later rows, so a company's duplicates inside one file become one location.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from portal.audit.services import audit_record

from . import matching
from .models import LocationEvent, LocationMatch, LocationStatus, ProductionLocation
from .services import LOCATION_FIELDS, _require_discloser, _user

#: Rows per bulk insert and per progress report.
CHUNK = 2000

Progress = Callable[[int, int], None]


@dataclass
class BulkOutcome:
    """The decision for one submitted row: "created", "matched", "review" or "rejected"."""

    result: str
    location: ProductionLocation | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class _List:
    """Candidates with their names without spaces (the scorer's letter comparison), in step."""

    candidates: list[matching.Candidate] = field(default_factory=list)
    spaceless: list[str] = field(default_factory=list)

    def add(self, candidate: matching.Candidate) -> None:
        self.candidates.append(candidate)
        self.spaceless.append(candidate.name_key.replace(" ", ""))


@dataclass
class _Block:
    """The active candidates of one country, indexed the way `services._candidates` blocks them."""

    everything: _List = field(default_factory=_List)
    by_city: dict[str, _List] = field(default_factory=lambda: defaultdict(_List))
    by_postal: dict[str, _List] = field(default_factory=lambda: defaultdict(_List))
    #: (block, name_key, address_key) -> first candidate: an exact hit scores 100 without scoring the block.
    exact: dict[tuple[str, str, str], matching.Candidate] = field(default_factory=dict)
    #: (name_key, city_key, postal_code) -> candidate without an address: the same submission again.
    resubmitted: dict[tuple[str, str, str], matching.Candidate] = field(default_factory=dict)

    def add(self, candidate: matching.Candidate, city_key: str, postal_code: str) -> None:
        self.everything.add(candidate)
        if not candidate.address_key:
            self.resubmitted.setdefault((candidate.name_key, city_key, postal_code), candidate)
        scopes = [""]
        if city_key:
            self.by_city[city_key].add(candidate)
            scopes.append("c:" + city_key)
        if postal_code:
            self.by_postal[postal_code].add(candidate)
            scopes.append("p:" + postal_code)
        if candidate.address_key:
            for scope in scopes:
                self.exact.setdefault((scope, candidate.name_key, candidate.address_key), candidate)

    def candidates(self, location: ProductionLocation) -> tuple[_List, str, str]:
        city = self.by_city.get(location.city_key) if location.city_key else None
        if city is not None and city.candidates:
            return city, "country+city", "c:" + location.city_key
        postal = self.by_postal.get(location.postal_code) if location.postal_code else None
        if postal is not None and postal.candidates:
            return postal, "country+postal code", "p:" + location.postal_code
        return self.everything, "country", ""


@dataclass(frozen=True)
class _Automatic:
    index: int
    existing: int  # a pk, or a placeholder for a location created earlier in the batch
    score: float
    rule: str
    submitted: ProductionLocation


def _load_blocks(countries: set[str]) -> dict[str, _Block]:
    """Every active location of the batch's countries, in one query with only the scorer's columns."""
    blocks: dict[str, _Block] = defaultdict(_Block)
    rows = (
        ProductionLocation.objects.filter(country__in=sorted(countries), status=LocationStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", "name_key", "address_key", "city_key", "postal_code", "country")
    )
    for pk, name_key, address_key, city_key, postal_code, country in rows.iterator(chunk_size=CHUNK):
        blocks[country].add(matching.Candidate(pk, name_key, address_key), city_key, postal_code)
    return blocks


def _best(location: ProductionLocation, block: _Block) -> matching.Scored | None:
    candidates, label, scope = block.candidates(location)
    if not location.address_key:
        # Without an address the scorer caps a name at the review band, so a list applied twice would
        # put its own locations up for review; the identical submission is the same location.
        same = block.resubmitted.get((location.name_key, location.city_key, location.postal_code))
        if same is not None:
            return matching.Scored(same.pk, 100.0, f"{label}: same name, city and postal code")
    if location.address_key:
        hit = block.exact.get((scope, location.name_key, location.address_key))
        if hit is not None:
            return matching.score(location.name_key, location.address_key, hit, block=label)
    return matching.best_match(
        location.name_key,
        location.address_key,
        candidates.candidates,
        block=label,
        spaceless=candidates.spaceless,
    )


def _valid_location(fields: dict[str, Any]) -> ProductionLocation:
    unknown = set(fields) - set(LOCATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown location fields: {sorted(unknown)}")
    location = ProductionLocation(**fields)
    # Field checks only: the table's constraints mirror them and would cost one query per row.
    location.full_clean(exclude=["public_id"], validate_unique=False, validate_constraints=False)
    location.fill_keys()
    return location


@transaction.atomic
def locations_match_or_create(
    *, actor: Any, rows: Sequence[dict[str, Any]], progress: Progress | None = None
) -> list[BulkOutcome]:
    """One outcome per submitted row, in order, decided as `services.location_match_or_create` would
    decide the rows one after another, in a fixed number of queries per chunk of rows.

    Idempotent: a batch applied again matches every row to the locations it created the first time, and
    an automatic match already recorded for the same location and submitted name is not recorded twice."""
    _require_discloser(actor)
    outcomes: list[BulkOutcome] = []
    locations: list[ProductionLocation | None] = []
    for fields in rows:
        try:
            locations.append(_valid_location(fields))
            outcomes.append(BulkOutcome(result=""))
        except ValidationError as exc:
            locations.append(None)
            outcomes.append(BulkOutcome(result="rejected", errors=list(exc.messages)))
    blocks = _load_blocks({str(loc.country) for loc in locations if loc is not None})

    fresh: list[ProductionLocation] = []  # to insert; candidates carry -(index + 1) until then
    automatic: list[_Automatic] = []
    review: list[tuple[int, float, str, ProductionLocation]] = []  # (existing, score, rule, new location)
    for number, location in enumerate(locations, start=1):
        if location is not None:
            block = blocks[str(location.country)]
            best = _best(location, block)
            verdict = matching.decision(best.score) if best else "new"
            outcome = outcomes[number - 1]
            if best is not None and verdict == "match":
                outcome.result = "matched"
                automatic.append(_Automatic(number - 1, best.pk, best.score, best.rule, location))
            else:
                fresh.append(location)
                placeholder = -len(fresh)
                block.add(
                    matching.Candidate(placeholder, location.name_key, location.address_key),
                    location.city_key,
                    location.postal_code,
                )
                outcome.location = location
                outcome.result = "created"
                if best is not None and verdict == "review":
                    outcome.result = "review"
                    review.append((best.pk, best.score, best.rule, location))
        if progress is not None and (number % CHUNK == 0 or number == len(locations)):
            progress(number, len(locations))

    ProductionLocation.objects.bulk_create(fresh, batch_size=CHUNK)

    def real(pk: int) -> int:
        return fresh[-pk - 1].pk if pk < 0 else pk

    LocationEvent.objects.bulk_create(
        [
            LocationEvent(
                location=loc, kind=LocationEvent.Kind.CREATED, actor=_user(actor), to_status=loc.status
            )
            for loc in fresh
        ],
        batch_size=CHUNK,
    )
    LocationMatch.objects.bulk_create(
        [
            LocationMatch(
                candidate=loc,
                existing_id=real(existing),
                submitted_name=loc.name,
                submitted_address=loc.address,
                score=score_value,
                rule=rule[:64],
            )
            for existing, score_value, rule, loc in review
        ],
        batch_size=CHUNK,
    )
    _record_automatic(outcomes, automatic, real)
    if fresh:
        audit_record(actor=actor, action="location.bulk_created", note=f"{len(fresh)} locations")
    return outcomes


def _record_automatic(
    outcomes: list[BulkOutcome], automatic: list[_Automatic], real: Callable[[int], int]
) -> None:
    """Give each matched row its location and record each automatic match once."""
    pks = {real(item.existing) for item in automatic}
    by_pk = ProductionLocation.objects.in_bulk(list(pks))
    seen = set(
        LocationMatch.objects.filter(
            existing_id__in=pks, candidate__isnull=True, status=LocationMatch.Status.AUTOMATIC
        ).values_list("existing_id", "submitted_name", "submitted_address")
    )
    new: list[LocationMatch] = []
    for item in automatic:
        existing = real(item.existing)
        outcomes[item.index].location = by_pk[existing]
        key = (existing, item.submitted.name, item.submitted.address)
        # The location exactly as it stands, or a match already on record, teaches the queue nothing.
        if key in seen or (by_pk[existing].name, by_pk[existing].address) == key[1:]:
            continue
        seen.add(key)
        new.append(
            LocationMatch(
                existing_id=existing,
                submitted_name=item.submitted.name,
                submitted_address=item.submitted.address,
                score=item.score,
                rule=item.rule[:64],
                status=LocationMatch.Status.AUTOMATIC,
            )
        )
    LocationMatch.objects.bulk_create(new, batch_size=CHUNK)
