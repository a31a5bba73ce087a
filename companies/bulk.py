"""Matching a whole batch of submitted locations at once (large uploads).

The decisions are those of `services.location_match_or_create` applied row after row: the same blocks
and shortlist (`companies.blocking`), the same scorer (`matching.best_match`) and thresholds
(`matching.decision`). A location created earlier in the batch is a candidate for the later rows, so a
company's duplicates inside one file become one location. What differs is the cost:

- **plan** (`locations_plan`, reads only): every row is checked (`portal.core.fast_clean`, with
  `full_clean` as the judge of what the quick check does not accept), normalised once, and decided
  against the candidates of every block the batch touches, read in one query with only the columns
  the scorer needs. It runs outside any transaction, so the progress it reports is seen while it runs.
- **write** (`locations_write`, in the caller's transaction): the new locations, their events and the
  potential matches are written with COPY (`portal.core.bulk_insert`), never as model instances.

Both run under the matching lock (`services.MATCHING_LOCK`), which the row-by-row service takes too,
so nothing is created between a batch's decisions and its writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from portal.audit.services import audit_record
from portal.core.bulk_insert import ANALYZE_FROM_ROWS, insert_rows, refresh_statistics
from portal.core.fast_clean import FieldChecks
from portal.core.locks import advisory_lock

from . import matching
from .blocking import CountryBlocks
from .models import LocationEvent, LocationMatch, LocationStatus, ProductionLocation, new_public_id
from .models.location import location_keys
from .services import LOCATION_FIELDS, MATCHING_LOCK, _require_discloser, _user

#: Rows per progress report and per chunk of ids in a look-up.
CHUNK = 2000

Progress = Callable[[int, int], None]

#: The columns of a new location as the plan keeps them: the submitted fields, then the keys.
NEW_FIELDS = (*LOCATION_FIELDS, "name_key", "address_key", "city_key")
_FIELD_NAMES = frozenset(LOCATION_FIELDS)
#: The text fields whose values repeat from row to row.
_REPEATING = frozenset(
    LOCATION_FIELDS.index(f)
    for f in ("city", "postal_code", "country", "sector", "processing_type", "worker_band")
)
_NAME, _ADDRESS, _CITY, _POSTAL, _COUNTRY = (
    LOCATION_FIELDS.index(f) for f in ("name", "address", "city", "postal_code", "country")
)


@dataclass(slots=True)
class BulkOutcome:
    """The decision for one submitted row: "created", "matched", "review" or "rejected"."""

    result: str
    location_id: int | None = None
    public_id: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    """What a batch will write. Locations created by the batch are named by placeholders -1, -2, ...
    (the position in `fresh`, counted from 1) until they have their ids."""

    outcomes: list[BulkOutcome]
    fresh: list[tuple[Any, ...]] = field(default_factory=list)  # NEW_FIELDS values
    fresh_rows: list[int] = field(default_factory=list)  # the outcome of each fresh location
    #: (placeholder of the new location, existing location or placeholder, score, rule)
    review: list[tuple[int, int, float, str]] = field(default_factory=list)
    #: (outcome index, existing location or placeholder, score, rule, submitted name, submitted address)
    automatic: list[tuple[int, int, float, str, str, str]] = field(default_factory=list)


_CHECKS: FieldChecks | None = None


def _checks() -> FieldChecks:
    global _CHECKS  # compiled once per process, after the apps are ready
    if _CHECKS is None:
        _CHECKS = FieldChecks(ProductionLocation, LOCATION_FIELDS)
    return _CHECKS


def _valid_values(fields: dict[str, Any]) -> tuple[Any, ...]:
    """The row's values in LOCATION_FIELDS order, or ValidationError with every message."""
    unknown = fields.keys() - _FIELD_NAMES
    if unknown:
        raise ValueError(f"unknown location fields: {sorted(unknown)}")
    if not _checks().accepts(fields):
        # The judge, and the source of the translated messages. Field checks only: the table's
        # constraints mirror them and would cost one query per row.
        location = ProductionLocation(**fields)
        location.full_clean(exclude=["public_id"], validate_unique=False, validate_constraints=False)
        fields = {name: getattr(location, name) for name in LOCATION_FIELDS}
        fields["country"] = str(fields["country"])
    defaults = _defaults()
    return tuple(fields[name] if name in fields else defaults[name] for name in LOCATION_FIELDS)


_DEFAULTS: dict[str, Any] = {}


def _defaults() -> dict[str, Any]:
    if not _DEFAULTS:
        for name in LOCATION_FIELDS:
            field = ProductionLocation._meta.get_field(name)
            assert isinstance(field, models.Field)
            _DEFAULTS[name] = field.get_default()
    return _DEFAULTS


def _load_blocks(country: str) -> CountryBlocks:
    """Every active location of one country, in one query with only the scorer's columns."""
    blocks = CountryBlocks()
    rows = (
        ProductionLocation.objects.filter(country=country, status=LocationStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", "name_key", "address_key", "city_key", "postal_code")
    )
    shared: dict[str, str] = {}  # one string per city and postal code, not one per location
    for pk, name_key, address_key, city_key, postal_code in rows.iterator(chunk_size=CHUNK):
        city_key, postal_code = (
            shared.setdefault(city_key, city_key),
            shared.setdefault(postal_code, postal_code),
        )
        blocks.add(matching.Candidate(pk, name_key, address_key, city_key, postal_code))
    return blocks


def locations_plan(*, actor: Any, rows: Iterable[dict[str, Any]], progress: Progress | None = None) -> Plan:
    """Decide every row as `services.location_match_or_create` would decide them one after another,
    without writing anything. Take the matching lock around this and `locations_write`."""
    _require_discloser(actor)
    outcomes: list[BulkOutcome] = []
    checked: dict[int, tuple[Any, ...]] = {}
    # Blocks never cross a country: one country's locations in memory at a time, in file order within it.
    by_country: dict[str, list[int]] = {}
    shared: dict[Any, Any] = {}  # one object per repeated value (country, city, sector, ...), not per row
    for index, fields in enumerate(rows):
        try:
            values = _valid_values(fields)
        except ValidationError as exc:
            outcomes.append(BulkOutcome(result="rejected", errors=list(exc.messages)))
            continue
        outcomes.append(BulkOutcome(result=""))
        keys = location_keys(values[_NAME], values[_ADDRESS], values[_CITY])
        row = [shared.setdefault(v, v) if i in _REPEATING else v for i, v in enumerate(values)]
        checked[index] = (*row, *keys[:2], shared.setdefault(keys[2], keys[2]))
        by_country.setdefault(row[_COUNTRY], []).append(index)
    plan = Plan(outcomes=outcomes)
    total, done = len(outcomes), len(outcomes) - len(checked)
    for country in sorted(by_country):
        blocks = _load_blocks(country)
        for index in by_country[country]:
            _decide(plan, index, checked.pop(index), blocks)
            done += 1
            if progress is not None and (done % CHUNK == 0 or done == total):
                progress(done, total)
        del blocks
    return plan


def _decide(plan: Plan, index: int, values: tuple[Any, ...], block: CountryBlocks) -> None:
    name_key, address_key, city_key = values[-3:]
    postal_code = values[_POSTAL]
    best = block.best(name_key, address_key, city_key, postal_code)
    verdict = matching.decision(best.score) if best else "new"
    outcome = plan.outcomes[index]
    if best is not None and verdict == "match":
        outcome.result = "matched"
        plan.automatic.append((index, best.pk, best.score, best.rule, values[_NAME], values[_ADDRESS]))
        return
    plan.fresh.append(values)
    plan.fresh_rows.append(index)
    placeholder = -len(plan.fresh)
    block.add(matching.Candidate(placeholder, name_key, address_key, city_key, postal_code))
    outcome.result = "created"
    if best is not None and verdict == "review":
        outcome.result = "review"
        plan.review.append((placeholder, best.pk, best.score, best.rule))


def locations_match_or_create(
    *, actor: Any, rows: Iterable[dict[str, Any]], progress: Progress | None = None
) -> list[BulkOutcome]:
    """One outcome per submitted row, in order, decided as `services.location_match_or_create` would
    decide the rows one after another, in a fixed number of queries per chunk of rows.

    Idempotent: a batch applied again matches every row to the locations it created the first time, and
    an automatic match already recorded for the same location and submitted name is not recorded twice."""
    with advisory_lock(MATCHING_LOCK):
        plan = locations_plan(actor=actor, rows=rows, progress=progress)
        with transaction.atomic():
            return locations_write(actor=actor, plan=plan)


def locations_write(*, actor: Any, plan: Plan) -> list[BulkOutcome]:
    """Write what the plan decided (in the caller's transaction) and give every outcome its location."""
    ids, public_ids = _insert_locations(plan.fresh)
    for index, pk, public_id in zip(plan.fresh_rows, ids, public_ids, strict=True):
        plan.outcomes[index].location_id, plan.outcomes[index].public_id = pk, public_id

    def real(pk: int) -> int:
        return ids[-pk - 1] if pk < 0 else pk

    user = _user(actor)
    user_id = user.pk if user is not None else None
    insert_rows(
        LocationEvent,
        ("location_id", "kind", "actor_id", "to_status"),
        ((pk, LocationEvent.Kind.CREATED, user_id, LocationStatus.ACTIVE) for pk in ids),
    )
    insert_rows(
        LocationMatch,
        ("candidate_id", "existing_id", "submitted_name", "submitted_address", "score", "rule"),
        (
            (real(new), real(existing), *_submitted(plan, new), _score(score), rule[:64])
            for new, existing, score, rule in plan.review
        ),
    )
    _record_automatic(plan, real)
    if ids:
        audit_record(actor=actor, action="location.bulk_created", note=f"{len(ids)} locations")
    if len(ids) >= ANALYZE_FROM_ROWS:
        refresh_statistics(ProductionLocation, LocationEvent)
    return plan.outcomes


def _submitted(plan: Plan, placeholder: int) -> tuple[str, str]:
    values = plan.fresh[-placeholder - 1]
    return values[_NAME], values[_ADDRESS]


def _score(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _insert_locations(fresh: Sequence[tuple[Any, ...]]) -> tuple[list[int], list[str]]:
    """Insert the new locations with fresh public IDs; a clash with an existing ID (about one in a
    billion batches) draws them again."""
    for attempt in range(3):
        public_ids = _public_ids(len(fresh))
        try:
            with transaction.atomic():
                ids = insert_rows(
                    ProductionLocation,
                    (*NEW_FIELDS, "public_id"),
                    ((*values, public_id) for values, public_id in zip(fresh, public_ids, strict=True)),
                )
            return ids, public_ids
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _public_ids(count: int) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add(new_public_id())
    return list(found)


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _record_automatic(plan: Plan, real: Callable[[int], int]) -> None:
    """Give each matched row its location and record each automatic match once."""
    pks = sorted({real(item[1]) for item in plan.automatic})
    known: dict[int, tuple[str, str, str]] = {}
    seen: set[tuple[int, str, str]] = set()
    for chunk in _chunks(pks):
        rows = ProductionLocation.objects.filter(pk__in=chunk).values_list(
            "pk", "public_id", "name", "address"
        )
        known.update((pk, (public_id, name, address)) for pk, public_id, name, address in rows)
        seen.update(
            LocationMatch.objects.filter(
                existing_id__in=chunk, candidate__isnull=True, status=LocationMatch.Status.AUTOMATIC
            ).values_list("existing_id", "submitted_name", "submitted_address")
        )
    new: list[tuple[Any, ...]] = []
    checked = plan.outcomes
    for index, existing, score, rule, submitted_name, submitted_address in plan.automatic:
        pk = real(existing)
        public_id, name, address = known[pk]
        checked[index].location_id, checked[index].public_id = pk, public_id
        key = (pk, submitted_name, submitted_address)
        # The location exactly as it stands, or a match already on record, teaches the queue nothing.
        if key in seen or (name, address) == key[1:]:
            continue
        seen.add(key)
        new.append((*key, _score(score), rule[:64], LocationMatch.Status.AUTOMATIC))
    insert_rows(
        LocationMatch, ("existing_id", "submitted_name", "submitted_address", "score", "rule", "status"), new
    )
