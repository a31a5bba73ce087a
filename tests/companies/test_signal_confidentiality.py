"""Confidentiality of the relay: the reporter, another NGO, another company, government and the public
never learn which companies a signal went to; below the count threshold not even how many; the wrong
stakeholder gets 404 everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from companies import relay

from .signal_helpers import SECRET_COMPANY, linked_location, reported

pytestmark = pytest.mark.django_db


@pytest.fixture
def relayed_to_one(ngo_user, secretariat_user):
    location, (company,) = linked_location()
    signal = relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    return signal, company


def _all_pages(signal, item_pk):
    return [
        reverse("companies:signal-report"),
        reverse("companies:my-signals"),
        reverse("companies:signal-inbox"),
        reverse("companies:company-signals"),
        reverse("companies:signal-evidence", args=[signal.pk]),
        reverse("companies:signal-respond", args=[item_pk]),
        reverse("companies:locations"),
    ]


def test_reporter_sees_relayed_without_a_count_below_the_threshold(client_for, ngo_user, relayed_to_one):
    page = client_for(ngo_user).get(reverse("companies:my-signals")).content.decode()
    assert "Relayed" in page
    assert "member compan" not in page and SECRET_COMPANY not in page


def test_reporter_sees_the_count_from_the_threshold_on_but_never_names(
    client_for, ngo_user, secretariat_user, settings
):
    settings.PORTAL_LOCATION_COUNT_THRESHOLD = 2
    location, _companies = linked_location(2, names=(SECRET_COMPANY, "Second Secret Brand BV"))
    relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    page = client_for(ngo_user).get(reverse("companies:my-signals")).content.decode()
    assert "Relayed to 2 member companies" in page
    assert SECRET_COMPANY not in page and "Second Secret Brand" not in page


def test_threshold_is_configurable(client_for, ngo_user, secretariat_user, settings):
    settings.PORTAL_LOCATION_COUNT_THRESHOLD = 3
    location, _companies = linked_location(2)
    relay.signal_relay(actor=secretariat_user, signal_id=reported(ngo_user, location).pk)
    page = client_for(ngo_user).get(reverse("companies:my-signals")).content.decode()
    assert "Relayed" in page and "2 member companies" not in page


@pytest.mark.parametrize(
    "who",
    ["anonymous", "ngo_user", "other_ngo", "union_user", "other_company_user", "government_user"],
)
def test_nobody_but_the_secretariat_and_the_company_itself_learns_the_company(
    request, client_for, make_user, relayed_to_one, who
):
    from portal.accounts.roles import Role

    signal, _company = relayed_to_one
    if who == "anonymous":
        user = None
    elif who == "other_ngo":
        user = make_user(Role.NGO)
    else:
        user = request.getfixturevalue(who)
    client = client_for(user)
    for url in _all_pages(signal, signal.relays.get().pk):
        response = client.get(url)
        assert SECRET_COMPANY.encode() not in response.content, url


@pytest.mark.parametrize("who", ["other_ngo", "union_user", "other_company_user", "government_user"])
def test_wrong_stakeholder_gets_404_for_the_evidence_and_the_response_form(
    request, client_for, make_user, relayed_to_one, who
):
    from portal.accounts.roles import Role

    signal, _company = relayed_to_one
    user = make_user(Role.NGO) if who == "other_ngo" else request.getfixturevalue(who)
    client = client_for(user)
    item = signal.relays.get()
    assert client.get(reverse("companies:signal-evidence", args=[signal.pk])).status_code == 404
    response = client.post(reverse("companies:signal-respond", args=[item.pk]), {f"r{item.pk}-response": "x"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.response == ""


def test_another_ngo_does_not_see_the_reporters_signals(client_for, make_user, relayed_to_one):
    from portal.accounts.roles import Role

    page = client_for(make_user(Role.NGO)).get(reverse("companies:my-signals")).content.decode()
    assert "Padma Knit Composite" not in page


def test_another_company_sees_no_relayed_signal(client_for, other_company_user, relayed_to_one):
    page = client_for(other_company_user).get(reverse("companies:company-signals")).content.decode()
    assert "Padma Knit Composite" not in page and "Workers were locked in" not in page
