"""Organisations ask for an account; the secretariat approves or rejects."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory

SIGNUP = "/nl/account/signup/"


def signup_data(**overrides):
    data = {
        "email": "new@member.test",
        "password1": "a-long-enough-pass-2026",
        "password2": "a-long-enough-pass-2026",
        "first_name": "Anna",
        "last_name": "de Boer",
        "organisation_name": "Nieuwe Kleding B.V.",
        "organisation_kind": "company",
        "kvk_number": "12345678",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_signup_creates_a_waiting_organisation(client, secretariat_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="new@member.test")
    assert user.organisation.status == Organisation.Status.PENDING
    assert user.organisation.kind == Role.COMPANY
    # The secretariat hears of it once the address is verified (tests/portal/test_forms_accounts.py).
    assert not Notification.objects.filter(recipient=secretariat_user).exists()


@pytest.mark.django_db
def test_signup_with_a_bad_kvk_number_shows_the_error_at_the_field_and_keeps_input(client):
    response = client.post(SIGNUP, signup_data(kvk_number="1234"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_kvk_number_error"' in body
    assert "8 cijfers" in body
    assert 'value="Nieuwe Kleding B.V."' in body
    assert not User.objects.filter(email="new@member.test").exists()


@pytest.mark.django_db
def test_signup_error_is_english_on_english_pages(client):
    response = client.post("/en/account/signup/", signup_data(kvk_number="abc"))
    assert "exactly 8 digits" in response.content.decode()


@pytest.mark.django_db
def test_signup_cannot_choose_the_secretariat_role(client):
    response = client.post(SIGNUP, signup_data(organisation_kind="secretariat"))
    assert response.status_code == 200
    assert not User.objects.filter(email="new@member.test").exists()


@pytest.mark.django_db
def test_secretariat_approves_and_the_user_gets_in(
    client_for, secretariat_user, django_capture_on_commit_callbacks
):
    applicant = UserFactory(
        organisation=OrganisationFactory(status=Organisation.Status.PENDING, kind=Role.NGO)
    )
    url = reverse("accounts:organisation-review", kwargs={"pk": applicant.organisation.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(secretariat_user).post(url, {"decision": "approve", "note": ""})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.organisation.status == Organisation.Status.APPROVED
    assert Group.objects.get(name="role:ngo") in applicant.groups.all()
    assert any(applicant.email in m.to for m in mail.outbox)
    assert client_for(applicant).get("/nl/dashboard/home/ngo/").status_code == 200


@pytest.mark.django_db
def test_rejection_needs_a_reason_at_the_field(client_for, secretariat_user):
    applicant = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    url = reverse("accounts:organisation-review", kwargs={"pk": applicant.organisation.pk})
    response = client_for(secretariat_user).post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 200
    assert 'id="id_note_error"' in response.content.decode()
    applicant.organisation.refresh_from_db()
    assert applicant.organisation.status == Organisation.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.COMMITTEE])
def test_only_the_secretariat_sees_account_requests(client_for, make_user, role):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    client = client_for(make_user(role))
    assert client.get(reverse("accounts:organisation-requests")).status_code == 404
    url = reverse("accounts:organisation-review", kwargs={"pk": pending.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


@pytest.mark.django_db
def test_account_requests_page_has_a_fixed_query_budget(
    client_for, secretariat_user, django_assert_max_num_queries
):
    client = client_for(secretariat_user)
    first = OrganisationFactory.create_batch(3, status=Organisation.Status.PENDING)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("accounts:organisation-requests")).content.decode()
    assert all(organisation.name in body for organisation in first)
    more = OrganisationFactory.create_batch(40, status=Organisation.Status.PENDING)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("accounts:organisation-requests")).content.decode()
    # Oldest first, 25 a page: the first three and the next 22 of the new ones.
    assert all(organisation.name in body for organisation in [*first, *more[:22]])
    assert more[22].name not in body


@pytest.mark.django_db
def test_new_user_verifies_the_address_then_waits_for_approval(client, django_capture_on_commit_callbacks):
    import re

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    verification = next(m for m in mail.outbox if "new@member.test" in m.to)
    link = re.search(r"https?://[^\s]+(/nl/account/confirm-email/[^\s]+)", verification.body)
    assert link, verification.body
    confirm_path = link.group(1)
    assert client.post(confirm_path).status_code == 302
    client.logout()
    response = client.post(
        "/nl/account/login/", {"login": "new@member.test", "password": "a-long-enough-pass-2026"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:pending")
    assert "Nieuwe Kleding B.V." in response.content.decode()
