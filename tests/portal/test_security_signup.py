"""Sign-up does not reveal which organisations have an account; the organisation is told instead."""

from __future__ import annotations

import pytest

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory

from .test_signup import SIGNUP, signup_data

pytestmark = pytest.mark.django_db


def test_signup_with_a_known_kvk_number_answers_as_for_a_new_one(client, secretariat_user):
    new = client.post(SIGNUP, signup_data(email="first@member.test", kvk_number="11112222"))
    existing = OrganisationFactory(kvk_number="33334444", name="Bestaande Kleding B.V.")
    client.logout()
    known = client.post(SIGNUP, signup_data(email="second@member.test", kvk_number="33334444"))
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    # No error, no second organisation, no link to the existing one.
    user = User.objects.get(email="second@member.test")
    assert user.organisation is None
    assert Organisation.objects.filter(kvk_number="33334444").count() == 1
    assert not existing.users.filter(pk=user.pk).exists()


def test_signup_form_shows_no_error_for_a_known_kvk_number(client):
    OrganisationFactory(kvk_number="33334444")
    # With another field wrong, the page is shown again: it must not mention the number is taken.
    response = client.post(SIGNUP, signup_data(kvk_number="33334444", password2="something-else-2026"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_kvk_number_error"' not in body
    assert "KvK-nummer heeft al een account" not in body


def test_existing_organisations_users_are_told_through_the_outbox(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    existing = OrganisationFactory(kvk_number="33334444", name="Bestaande Kleding B.V.", kind=Role.COMPANY)
    colleague = UserFactory(organisation=existing, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data(email="second@member.test", kvk_number="33334444"))
    note = Notification.objects.get(recipient=colleague)
    assert note.kind == "organisation.account_requested"
    assert "Bestaande Kleding B.V." in note.text.subject
    assert "second@member.test" in note.text.body
    assert note.email_status == Notification.EmailStatus.SENT
    # The secretariat hears of it too, and no "new organisation" request is made.
    assert Notification.objects.filter(
        recipient=secretariat_user, kind="organisation.account_requested_existing"
    ).exists()
    assert not Notification.objects.filter(kind="organisation.registered").exists()
