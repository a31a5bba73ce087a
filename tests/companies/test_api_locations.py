"""The companies API: the aggregated public locations (threshold, named companies, filters, single-buyer
aggregates, detail, query budget) and the secretariat's match queue (list, confirm, reject, who may)."""

from __future__ import annotations

import pytest

from companies.models import LocationMatch, LocationStatus, ProcessingType, ProductionLocation
from covenants.models import Covenant
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import OrganisationFactory

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def covenant() -> Covenant:
    return CovenantFactory(slug="garments", name_en="Garments")


@pytest.fixture
def brands():
    return [OrganisationFactory(kind=Role.COMPANY, name=f"Brand {n} B.V.") for n in "AB"]


def _listing(client, **params: str) -> dict[str, dict]:
    response = client.get(f"{API}/locations/", params)
    assert response.status_code == 200, response.content
    return {row["name"]: row for row in response.json()["results"]}


# --- public locations ------------------------------------------------------------------------------


def test_count_only_from_the_threshold_and_only_allowed_companies_named(client, covenant, brands):
    shared, single = LocationFactory(name="Shared Mill"), LocationFactory(name="Single Mill")
    SupplyLinkFactory(company=brands[0], location=shared, covenant=covenant, show_publicly=True)
    SupplyLinkFactory(company=brands[1], location=shared, covenant=covenant)
    SupplyLinkFactory(company=brands[1], location=single, covenant=covenant)

    rows = _listing(client)

    assert rows["Shared Mill"]["company_count"] == 2 and rows["Shared Mill"]["fewer_than"] is None
    assert rows["Shared Mill"]["companies"] == ["Brand A B.V."]
    assert rows["Single Mill"]["company_count"] is None and rows["Single Mill"]["fewer_than"] == 2
    assert rows["Single Mill"]["companies"] == []
    assert rows["Shared Mill"]["public_id"] == shared.public_id
    # Nothing in the answer names a company that did not allow it, nor holds internal ids.
    body = client.get(f"{API}/locations/").content.decode()
    assert "Brand B" not in body and '"id"' not in body


def test_threshold_is_the_setting(client, covenant, brands, settings):
    settings.PORTAL_LOCATION_COUNT_THRESHOLD = 3
    shared = LocationFactory(name="Shared Mill")
    for brand in brands:
        SupplyLinkFactory(company=brand, location=shared, covenant=covenant)
    row = _listing(client)["Shared Mill"]
    assert row["company_count"] is None and row["fewer_than"] == 3


def test_single_buyer_location_of_an_aggregating_covenant_is_not_listed_nor_readable(client, brands):
    small = CovenantFactory(slug="small", aggregate_single_buyer_locations=True)
    hidden = LocationFactory(name="Only Buyer Mill")
    SupplyLinkFactory(company=brands[0], location=hidden, covenant=small)
    assert "Only Buyer Mill" not in _listing(client)
    assert client.get(f"{API}/locations/{hidden.public_id}/").status_code == 404
    # Searching for its name does not reveal it either.
    assert _listing(client, q="Only Buyer") == {}


def test_inactive_undisclosed_and_unpublished_locations_are_absent(client, covenant, brands):
    closed = LocationFactory(name="Closed Mill", status=LocationStatus.CLOSED)
    SupplyLinkFactory(company=brands[0], location=closed, covenant=covenant)
    LocationFactory(name="Nobody's Mill")
    talks = CovenantFactory(slug="talks", status=Covenant.Status.NEGOTIATION)
    SupplyLinkFactory(company=brands[0], location=LocationFactory(name="Talks Mill"), covenant=talks)
    assert set(_listing(client)) == set()


def test_filters_narrow_the_list(client, covenant, brands):
    other = CovenantFactory(slug="metals", name_en="Metals")
    dye = LocationFactory(name="Dye House", country="IN", processing_type=ProcessingType.DYEING)
    cmt = LocationFactory(name="Sewing Unit", country="BD")
    SupplyLinkFactory(company=brands[0], location=dye, covenant=covenant)
    SupplyLinkFactory(company=brands[0], location=cmt, covenant=other)

    assert set(_listing(client, country="IN")) == {"Dye House"}
    assert set(_listing(client, covenant="metals")) == {"Sewing Unit"}
    assert set(_listing(client, processing_type=ProcessingType.DYEING)) == {"Dye House"}
    assert set(_listing(client, q="dye house")) == {"Dye House"}
    assert set(_listing(client)) == {"Dye House", "Sewing Unit"}


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("country", "XX"),
        ("sector", "nonsense"),
        ("processing_type", "x"),
        ("covenant", "nope"),
        ("q", "a" * 201),
    ],
)
def test_a_bad_filter_is_a_400_at_its_field(client, param, value):
    response = client.get(f"{API}/locations/", {param: value})
    assert response.status_code == 400
    assert param in response.json()


def test_detail_by_public_id(client, covenant, brands):
    shared = LocationFactory(name="Shared Mill")
    for brand in brands:
        SupplyLinkFactory(company=brand, location=shared, covenant=covenant)
    body = client.get(f"{API}/locations/{shared.public_id}/").json()
    assert body["name"] == "Shared Mill" and body["company_count"] == 2 and body["country"] == "BD"
    assert client.get(f"{API}/locations/NOPE-0000/").status_code == 404


def test_detail_of_an_undisclosed_location_is_404(client):
    assert client.get(f"{API}/locations/{LocationFactory().public_id}/").status_code == 404


@pytest.mark.parametrize("size", [5, 60])
def test_list_has_a_fixed_query_budget(client, covenant, brands, django_assert_num_queries, size):
    for n in range(size):
        location = LocationFactory(name=f"Mill {n}")
        SupplyLinkFactory(company=brands[n % 2], location=location, covenant=covenant, show_publicly=True)
    with django_assert_num_queries(4):
        response = client.get(f"{API}/locations/", {"page_size": 50})
    assert len(response.json()["results"]) == min(size, 50)


# --- the secretariat's match queue -----------------------------------------------------------------


def _pending(score: float = 85) -> LocationMatch:
    existing = LocationFactory(name="Knit Composite", address="Plot 1, Road 2")
    candidate = LocationFactory(name="Knit Composite Unit 2", address="Plot 1 Rd 2")
    SupplyLinkFactory(location=candidate)
    return LocationMatch.objects.create(
        candidate=candidate,
        existing=existing,
        submitted_name=candidate.name,
        score=score,
        rule="country+city: name 84, address 88",
    )


def test_secretariat_lists_pending_matches_side_by_side(client_for, secretariat_user):
    match = _pending()
    body = client_for(secretariat_user).get(f"{API}/location-matches/").json()
    (row,) = body["results"]
    assert row["id"] == match.pk and row["score"] == "85.00" and row["rule"].endswith("address 88")
    assert row["candidate"]["public_id"] == match.candidate.public_id
    assert row["existing"]["public_id"] == match.existing.public_id
    assert row["candidate_links"] == 1 and row["existing_links"] == 0


def test_secretariat_confirms_a_match_and_the_locations_merge(client_for, secretariat_user):
    match = _pending()
    response = client_for(secretariat_user).post(
        f"{API}/location-matches/{match.pk}/decide/", {"decision": "confirm"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == LocationMatch.Status.CONFIRMED
    assert ProductionLocation.objects.get(pk=match.candidate_id).status == LocationStatus.MOVED


def test_secretariat_rejects_a_match_and_both_stay(client_for, secretariat_user):
    match = _pending()
    client = client_for(secretariat_user)
    response = client.post(
        f"{API}/location-matches/{match.pk}/decide/", {"decision": "reject"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == LocationMatch.Status.REJECTED
    assert ProductionLocation.objects.get(pk=match.candidate_id).status == LocationStatus.ACTIVE
    # A decided match leaves the queue: deciding it again is a 404.
    again = client.post(
        f"{API}/location-matches/{match.pk}/decide/", {"decision": "confirm"}, content_type="application/json"
    )
    assert again.status_code == 404


def test_a_decision_is_required(client_for, secretariat_user):
    match = _pending()
    response = client_for(secretariat_user).post(
        f"{API}/location-matches/{match.pk}/decide/", {"decision": "maybe"}, content_type="application/json"
    )
    assert response.status_code == 400 and "decision" in response.json()
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.PENDING


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.TRADE_UNION])
def test_only_the_secretariat_sees_or_decides_matches(client_for, make_user, role):
    match = _pending()
    client = client_for(make_user(role))
    assert client.get(f"{API}/location-matches/").status_code == 404
    response = client.post(
        f"{API}/location-matches/{match.pk}/decide/", {"decision": "reject"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.PENDING


def test_anonymous_callers_get_403_from_the_match_queue(client):
    assert client.get(f"{API}/location-matches/").status_code == 403


@pytest.mark.parametrize("size", [2, 30])
def test_match_queue_has_a_fixed_query_budget(client_for, secretariat_user, django_assert_num_queries, size):
    for n in range(size):
        _pending(score=80 + n % 10)
    client = client_for(secretariat_user)
    with django_assert_num_queries(5):
        response = client.get(f"{API}/location-matches/")
    assert len(response.json()["results"]) == min(size, 25)


@pytest.mark.parametrize("param", ["covenant", "q", "country"])
def test_a_nul_byte_in_a_filter_is_a_400_not_a_server_error(client, param):
    response = client.get(f"{API}/locations/", {param: "garm\x00ents"})
    assert response.status_code == 400 and param in response.json()
