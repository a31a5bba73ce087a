"""Applying a checked list: the kept rows, their removal, progress while matching, and the writes in bulk."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companies import bulk, uploads
from companies.models import LocationUpload, ProductionLocation, SupplyLink
from companies.services import LOCATION_FIELDS
from portal.accounts.roles import Role
from tests.covenants.factories import MembershipFactory
from tests.factories import user_with_role

from .factories import LocationFactory
from .test_uploads import CommittingClient, _client, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def company() -> Any:
    user = user_with_role(Role.COMPANY, preferred_language="en")
    user.membership = MembershipFactory(company=user.organisation, active=True)
    return user


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks: Any) -> None:
    CommittingClient.capture = django_capture_on_commit_callbacks


def _checked(client: Any, covenant_id: int) -> LocationUpload:
    _upload(client, covenant_id)
    return LocationUpload.objects.get()


def test_the_check_keeps_the_valid_rows_and_applying_removes_them(company: Any) -> None:
    client = _client(company)
    upload = _checked(client, company.membership.covenant_id)
    assert upload.checked and upload.checked.storage.exists(upload.checked.name)
    kept = upload.checked.name
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED and not upload.checked
    assert not upload.checked.storage.exists(kept)
    assert (upload.created, upload.rejected) == (2, 1)


def test_cancelling_removes_the_kept_rows(company: Any) -> None:
    client = _client(company)
    upload = _checked(client, company.membership.covenant_id)
    kept, storage = upload.checked.name, upload.checked.storage
    client.post(
        reverse("companies:upload-decide", args=[upload.pk]), {"decision": "cancel", "confirmed": "yes"}
    )
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.CANCELLED
    assert not storage.exists(kept)


def test_a_list_checked_without_kept_rows_is_read_again_when_applied(company: Any) -> None:
    client = _client(company)
    upload = _checked(client, company.membership.covenant_id)
    upload.checked.storage.delete(upload.checked.name)
    LocationUpload.objects.filter(pk=upload.pk).update(checked="")
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED
    assert (upload.created, upload.rejected) == (2, 1)
    assert SupplyLink.objects.filter(company=company.organisation).count() == 2


@pytest.mark.django_db(transaction=True)
def test_matching_reports_its_progress_outside_any_transaction(company: Any, monkeypatch: Any) -> None:
    # Outside a transaction, every progress report is committed at once: the page that polls sees it.
    seen: list[bool] = []
    original = uploads._progress

    def spy(upload: LocationUpload, percent: int, message: str) -> None:
        seen.append(connection.in_atomic_block)
        original(upload, percent, message)

    monkeypatch.setattr(uploads, "_progress", spy)
    monkeypatch.setattr(bulk, "CHUNK", 1)
    upload = _checked(_client(company), company.membership.covenant_id)
    uploads.location_upload_confirm(actor=company, upload=upload)  # eager: the apply task runs on commit
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED
    assert len(seen) >= 3 and not any(seen)


def test_a_clash_of_public_ids_draws_new_ones(company: Any, monkeypatch: Any) -> None:
    taken = LocationFactory().public_id
    draws = iter([[taken], ["IMVO-0000000001"]])
    monkeypatch.setattr(bulk, "_public_ids", lambda count: next(draws))
    rows = [{"name": "Fresh Mill", "address": "Road 9", "city": "Dhaka", "country": "BD"}]
    outcomes = bulk.locations_match_or_create(actor=company, rows=rows)
    assert outcomes[0].result == "created" and outcomes[0].public_id == "IMVO-0000000001"
    assert ProductionLocation.objects.filter(public_id="IMVO-0000000001").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE is PostgreSQL's")
def test_a_large_write_refreshes_the_planner_statistics(company: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(bulk, "ANALYZE_FROM_ROWS", 3)
    rows = [
        {"name": f"Mill {n} Works", "address": f"Road {n}", "city": "Dhaka", "country": "BD"}
        for n in range(3)
    ]
    with CaptureQueriesContext(connection) as captured:
        bulk.locations_match_or_create(actor=company, rows=rows)
    analyzed = [q["sql"] for q in captured if q["sql"].startswith("ANALYZE")]
    assert analyzed == ['ANALYZE "companies_productionlocation"', 'ANALYZE "companies_locationevent"']
    with CaptureQueriesContext(connection) as captured:
        bulk.locations_match_or_create(actor=company, rows=rows[:1])
    assert not [q for q in captured if q["sql"].startswith("ANALYZE")]


_decimals = st.one_of(
    st.none(),
    st.decimals(min_value=-200, max_value=200, places=6, allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, max_value=10**4, min_value=-(10**4)),
    st.sampled_from(
        [Decimal("90"), Decimal("90.000001"), Decimal("-180"), Decimal("1E+2"), Decimal("0.0000001")]
    ),
)
_texts = st.one_of(
    st.text(max_size=30), st.sampled_from(["", "BD", "XX", "other", "cut_make_trim", "x" * 501])
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.fixed_dictionaries(
        {"name": _texts, "country": _texts},
        optional={
            "latitude": _decimals,
            "longitude": _decimals,
            "processing_type": _texts,
            "sector": _texts,
            "os_hub_id": st.sampled_from(["", "CN2019303BQ3FZP", "cn2019303BQ3FZP"]),
        },
    )
)
def test_the_quick_check_of_a_location_agrees_with_full_clean(values: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    checks = bulk._checks()
    try:
        ProductionLocation(**values).full_clean(
            exclude=["public_id"], validate_unique=False, validate_constraints=False
        )
        valid = True
    except (ValidationError, ValueError):
        # django-countries raises ValueError for some Unicode digits ("²"): not a valid country either.
        valid = False
    if checks.accepts(values):
        assert valid, values
    assert set(values) <= set(LOCATION_FIELDS)
