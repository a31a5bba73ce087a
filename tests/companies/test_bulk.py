"""Bulk matching of a whole list: the same decisions as the row-by-row service, one location per
duplicate inside the batch, idempotent, and a number of queries that does not grow with the rows."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from companies import bulk, services
from companies.models import LocationEvent, LocationMatch, ProductionLocation

from .factories import LocationFactory

BASE = {
    "name": "Dhaka Knit Composite Ltd.",
    "address": "Plot 12, Industrial Road, Konabari",
    "city": "Gazipur",
    "country": "BD",
}

WORKED_EXAMPLES: list[dict[str, Any]] = [
    BASE,
    # The same factory spelled otherwise: automatic match.
    {
        "name": "DHAKA KNIT COMPOSITE LIMITED",
        "address": "Plot 12 Ind. Rd., Konabari",
        "city": "GAZIPUR",
        "country": "BD",
    },
    # A similar name: a new location with a potential match for review.
    {**BASE, "name": "Dhaka Knit Composite Garments Unit 2"},
    # The same name in another country: never a match.
    {**BASE, "country": "IN"},
    # Han characters against their pinyin, and a Turkish name against its ASCII form.
    {"name": "深圳华丰服装有限公司", "address": "", "city": "Shenzhen", "country": "CN"},
    {"name": "Shenzhen Huafeng Fuzhuang Co., Ltd.", "address": "", "city": "Shenzhen", "country": "CN"},
    {"name": "Işık Örme Tekstil San. ve Tic. A.Ş.", "address": "Organize Sanayi 4", "country": "TR"},  # noqa: RUF001
    {"name": "ISIK ORME TEKSTIL SANAYI VE TICARET AS", "address": "Organize Sanayi 4", "country": "TR"},
    # Postal code block without a city.
    {"name": "Minho Malhas Lda", "address": "Rua 5", "postal_code": "4700-001", "country": "PT"},
    {"name": "Malhas Minho", "address": "Rua 5", "postal_code": "4700-001", "country": "PT"},
]


def _seed() -> dict[str, int]:
    """A few existing locations the worked examples are matched against."""
    seeded = [
        LocationFactory(name="Dhaka Knit Composite", address="Plot 12 Industrial Road Konabari"),
        LocationFactory(name="Gazipur Denim Mills", address="Road 4"),
        LocationFactory(name="Anatolia Dyeing", address="Organize Sanayi 9", city="", country="TR"),
    ]
    return {loc.name: loc.pk for loc in seeded}


def _signature(results: list[tuple[str, int, float | None]]) -> list[tuple[str, Any, Any]]:
    """Decisions with the locations named by the first row that produced them (pks differ per run)."""
    first: dict[int, Any] = {}
    signature = []
    for index, (result, pk, score) in enumerate(results):
        first.setdefault(pk, pk if pk in _SEEDED_PKS else f"row {index}")
        signature.append((result, first[pk], score))
    return signature


_SEEDED_PKS: set[int] = set()


def _wipe_new_rows() -> None:
    LocationMatch.objects.all().delete()
    LocationEvent.objects.all().delete()
    ProductionLocation.objects.exclude(pk__in=_SEEDED_PKS).delete()


@pytest.mark.django_db
def test_bulk_gives_the_same_decisions_as_the_row_by_row_service(company_user):
    _SEEDED_PKS.clear()
    _SEEDED_PKS.update(_seed().values())
    one_by_one = []
    for row in WORKED_EXAMPLES:
        outcome = services.location_match_or_create(actor=company_user, **row)
        score = float(outcome.match.score) if outcome.match else None
        one_by_one.append((outcome.result, outcome.location.pk, score))
    _wipe_new_rows()

    outcomes = bulk.locations_match_or_create(actor=company_user, rows=WORKED_EXAMPLES)
    pending = {m.candidate_id: float(m.score) for m in LocationMatch.objects.filter(status="pending")}
    automatic = list(LocationMatch.objects.filter(status="automatic").order_by("pk"))
    in_bulk = []
    for outcome in outcomes:
        assert outcome.location_id is not None
        score = pending.get(outcome.location_id) if outcome.result == "review" else None
        if outcome.result == "matched":
            score = float(automatic.pop(0).score)
        in_bulk.append((outcome.result, outcome.location_id, score))

    assert _signature(in_bulk) == _signature(one_by_one)
    results = [r for r, _pk, _s in in_bulk]
    assert results[:4] == ["matched", "matched", "review", "created"]
    assert {"created", "matched", "review"} <= set(results)


@pytest.mark.django_db
def test_duplicates_inside_the_batch_become_one_location(company_user):
    rows = [BASE, {**BASE, "name": "DHAKA KNIT COMPOSITE LIMITED"}, BASE]
    outcomes = bulk.locations_match_or_create(actor=company_user, rows=rows)
    assert [o.result for o in outcomes] == ["created", "matched", "matched"]
    assert len({o.location_id for o in outcomes if o.location_id}) == 1
    assert ProductionLocation.objects.count() == 1
    assert LocationEvent.objects.filter(kind=LocationEvent.Kind.CREATED).count() == 1


@pytest.mark.django_db
def test_applying_the_same_batch_again_changes_nothing(company_user):
    first = bulk.locations_match_or_create(actor=company_user, rows=WORKED_EXAMPLES)
    counts = (
        ProductionLocation.objects.count(),
        LocationMatch.objects.count(),
        LocationEvent.objects.count(),
    )
    again = bulk.locations_match_or_create(actor=company_user, rows=WORKED_EXAMPLES)
    assert {o.result for o in again} == {"matched"}
    assert [o.location_id for o in again if o.location_id] == [o.location_id for o in first if o.location_id]
    after = (ProductionLocation.objects.count(), LocationMatch.objects.count(), LocationEvent.objects.count())
    assert after == counts


@pytest.mark.django_db
def test_a_bad_row_is_rejected_with_its_reason_and_the_others_are_kept(company_user):
    rows = [BASE, {**BASE, "name": "x" * 10_000, "latitude": 91}]
    outcomes = bulk.locations_match_or_create(actor=company_user, rows=rows)
    assert outcomes[0].result == "created"
    assert outcomes[1].result == "rejected" and outcomes[1].location_id is None
    assert any("500" in message for message in outcomes[1].errors)
    assert ProductionLocation.objects.count() == 1


def _distinct_rows(count: int) -> list[dict[str, Any]]:
    rows = []
    for n in range(count):
        word = hashlib.sha256(str(n).encode()).hexdigest()
        rows.append(
            {
                "name": f"{word[:7]} {word[7:13]} Apparel",
                "address": f"Plot {n} {word[13:19]} road",
                "city": ["Gazipur", "Dhaka", "Narayanganj", ""][n % 4],
                "postal_code": "" if n % 4 else "1700",
                "country": ["BD", "IN", "TR"][n % 3],
            }
        )
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize("count", [50, 500])
def test_the_number_of_queries_does_not_grow_with_the_rows(company_user, count):
    LocationFactory.create_batch(5)
    with CaptureQueriesContext(connection) as captured:
        outcomes = bulk.locations_match_or_create(actor=company_user, rows=_distinct_rows(count))
    assert len(outcomes) == count
    assert ProductionLocation.objects.count() >= 5 + count // 2
    assert len(captured) <= 12, [q["sql"][:80] for q in captured]


def test_coordinates_read_as_floats_are_kept_to_six_decimals():
    from companies.imports.rows import LocationRow
    from companies.uploads import _location_fields

    row = LocationRow(line=2, name="A", address="", country="BD", latitude=23.1234567891, longitude=90.1)
    fields = _location_fields(row)
    assert str(fields["latitude"]) == "23.123457"
    values = bulk._valid_values(fields)  # no "at most 6 decimals" error
    assert str(values[bulk.LOCATION_FIELDS.index("latitude")]) == "23.123457"


def _reference_best_match(name_key, address_key, candidates, *, block):
    """The scorer as it was before the C-speed prefilter: the full name score over the whole block."""
    from rapidfuzz import process

    from companies import matching

    names = [c.name_key for c in candidates]
    found = process.extract(
        name_key, names, scorer=lambda a, b, **_: matching.name_similarity(a, b), limit=10
    )
    best = None
    for _name, _score, index in found:
        scored = matching.score(name_key, address_key, candidates[index], block=block)
        if best is None or scored.score > best.score:
            best = scored
    return best if best is not None and best.score >= matching.REVIEW_SCORE else None


def test_the_prefiltered_scorer_picks_what_the_full_scorer_picks():
    import random

    from companies import matching

    words = ["sunrise", "golden", "delta", "knit", "garments", "denim", "dhaka", "mills", "1", "12", "unit"]
    rng = random.Random(1)

    def name() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))

    for _ in range(500):
        candidates = [
            matching.Candidate(pk, name(), rng.choice(["", "plot 12 road", "plot 13 road", name()]))
            for pk in range(rng.randint(1, 40))
        ]
        query, address = name(), rng.choice(["", "plot 12 road", name()])
        expected = _reference_best_match(query, address, candidates, block="b")
        found = matching.best_match(query, address, candidates, block="b")
        assert (found and (found.pk, found.score)) == (expected and (expected.pk, expected.score))


@pytest.mark.django_db
def test_progress_is_reported_per_chunk_of_rows(company_user, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK", 2)
    reported: list[tuple[int, int]] = []
    bulk.locations_match_or_create(
        actor=company_user,
        rows=_distinct_rows(5),
        progress=lambda done, total: reported.append((done, total)),
    )
    assert reported == [(2, 5), (4, 5), (5, 5)]
