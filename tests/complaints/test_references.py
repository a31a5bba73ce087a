"""Case references: the covenant's initials, the year and a counter per prefix and year, never shared
by two filings, also when they run at the same time."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from complaints.models import ReferenceCounter
from complaints.models.case import reference_prefix
from complaints.references import next_reference
from tests.covenants.factories import CovenantFactory


@pytest.mark.django_db
def test_references_count_per_prefix_and_year():
    garments = CovenantFactory(slug="garments-textile")
    gold = CovenantFactory(slug="gold")
    assert reference_prefix(garments) == "GT" and reference_prefix(gold) == "G"
    assert [next_reference(garments, 2026) for _ in range(3)] == [
        "GT-2026-0001",
        "GT-2026-0002",
        "GT-2026-0003",
    ]
    assert next_reference(garments, 2027) == "GT-2027-0001"
    assert next_reference(gold, 2026) == "G-2026-0001"


@pytest.mark.django_db
def test_covenants_with_the_same_initials_share_one_counter():
    first = CovenantFactory(slug="garments-textile")
    second = CovenantFactory(slug="gold-trade")
    assert reference_prefix(second) == "GT"
    assert {next_reference(first, 2026), next_reference(second, 2026)} == {"GT-2026-0001", "GT-2026-0002"}
    assert ReferenceCounter.objects.get(prefix="GT", year=2026).last == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_never_share_a_number():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    covenant = CovenantFactory(slug="natural-stone")
    found: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def file_five() -> None:
        try:
            start.wait(timeout=30)
            for _ in range(5):
                found.append(next_reference(covenant, 2026))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file_five) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(found) == [f"NS-2026-{n:04d}" for n in range(1, 41)]
