"""The secretariat's review queue: side by side, score and why, merge after a confirmation step, reject,
nobody else gets in, and a fixed number of queries at two sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from companies import services
from companies.models import LocationMatch, LocationStatus, ProductionLocation

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db


def _pending(n: int = 0, score: float = 85) -> LocationMatch:
    existing = LocationFactory(name=f"Knit Composite {n}", address="Plot 1, Road 2")
    candidate = LocationFactory(name=f"Knit Composite {n} Unit 2", address="Plot 1 Rd 2")
    SupplyLinkFactory(location=candidate)
    return LocationMatch.objects.create(
        candidate=candidate,
        existing=existing,
        submitted_name=candidate.name,
        score=score,
        rule="country+city: name 84, address 88",
    )


def test_queue_shows_both_locations_the_score_and_why(client_for, secretariat_user):
    match = _pending()
    html = client_for(secretariat_user).get(reverse("companies:matches")).content.decode()
    assert match.candidate.public_id in html and match.existing.public_id in html
    assert "85.00" in html and "name 84, address 88" in html
    assert "1 supply link" in html


def test_merge_asks_for_confirmation_first_then_merges(client_for, secretariat_user):
    match = _pending()
    client = client_for(secretariat_user)
    url = reverse("companies:match-decide", args=[match.pk])
    first = client.post(url, {"decision": "confirm"})
    assert "Merge these two locations?" in first.content.decode()
    assert ProductionLocation.objects.get(pk=match.candidate_id).status == LocationStatus.ACTIVE
    done = client.post(url, {"decision": "confirm", "confirmed": "yes"})
    assert done.status_code == 302
    assert ProductionLocation.objects.get(pk=match.candidate_id).status == LocationStatus.MOVED
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.CONFIRMED


def test_cancel_on_the_confirmation_page_changes_nothing(client_for, secretariat_user):
    match = _pending()
    client_for(secretariat_user).post(
        reverse("companies:match-decide", args=[match.pk]), {"decision": "confirm", "cancel": "1"}
    )
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.PENDING


def test_reject_keeps_both_and_leaves_the_queue(client_for, secretariat_user):
    match = _pending()
    client = client_for(secretariat_user)
    client.post(reverse("companies:match-decide", args=[match.pk]), {"decision": "reject"})
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.REJECTED
    assert match.candidate.public_id not in client.get(reverse("companies:matches")).content.decode()


def test_a_decided_match_is_gone_for_a_second_secretary(client_for, secretariat_user):
    match = _pending()
    services.location_match_reject(actor=secretariat_user, match_id=match.pk)
    response = client_for(secretariat_user).post(
        reverse("companies:match-decide", args=[match.pk]), {"decision": "confirm", "confirmed": "yes"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role_user", ["company_user", "ngo_user", "government_user", "committee_user"])
def test_other_roles_get_404_and_change_nothing(request, client_for, role_user):
    match = _pending()
    client = client_for(request.getfixturevalue(role_user))
    assert client.get(reverse("companies:matches")).status_code == 404
    response = client.post(
        reverse("companies:match-decide", args=[match.pk]), {"decision": "confirm", "confirmed": "yes"}
    )
    assert response.status_code == 404
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.PENDING


@pytest.mark.parametrize("size", [3, 40])
def test_queue_answers_in_a_fixed_number_of_queries(
    client_for, secretariat_user, django_assert_max_num_queries, size
):
    for n in range(size):
        _pending(n)
    client = client_for(secretariat_user)
    # session, user, organisation, unread notifications, count, rows
    with django_assert_max_num_queries(7):
        response = client.get(reverse("companies:matches"))
    assert response.content.decode().count("/decide/") == min(size, 25)
