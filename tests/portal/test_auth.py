"""Logging in, role homes, waiting organisations, lockout and required two-factor."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, user_with_role

LOGIN_URL = "/nl/account/login/"


def login(client, email: str, password: str = PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password}, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_login_lands_on_the_home_of_the_users_role(client, role):
    user = user_with_role(role)
    response = login(client, user.email)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/nl/dashboard/home/{role.value}/"
    assert user.organisation.name in response.content.decode()


@pytest.mark.django_db
def test_user_cannot_open_another_roles_home(client_for, company_user):
    response = client_for(company_user).get("/nl/dashboard/home/secretariat/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_user_of_pending_organisation_only_sees_the_waiting_page(client_for):
    user = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    client = client_for(user)
    for url in ["/nl/dashboard/", "/nl/notifications/", "/nl/dashboard/home/company/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].endswith(reverse("accounts:pending"))
    waiting = client.get(reverse("accounts:pending"))
    assert waiting.status_code == 200
    assert (
        "secretariaat" in waiting.content.decode().lower()
        or "secretariat" in waiting.content.decode().lower()
    )
    assert client.get("/api/v1/me/").status_code == 403


@pytest.mark.django_db
def test_rejected_organisation_sees_the_reason(client_for):
    org = OrganisationFactory(status=Organisation.Status.REJECTED, decision_note="Not a covenant stakeholder")
    response = client_for(UserFactory(organisation=org)).get(reverse("accounts:pending"))
    assert "Not a covenant stakeholder" in response.content.decode()


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(client):
    user = user_with_role(Role.COMPANY)
    for _ in range(5):
        response = login(client, user.email, "wrong-password")
        assert response.wsgi_request.user.is_anonymous
    response = login(client, user.email, PASSWORD)
    assert response.wsgi_request.user.is_anonymous
    body = response.content.decode()
    with translation.override("nl"):
        assert translation.gettext("Too many failed attempts to log in. Try again in 15 minutes.") in body


@pytest.mark.django_db
def test_lockout_of_one_account_leaves_other_accounts_alone(client):
    victim, other = user_with_role(Role.COMPANY), user_with_role(Role.NGO)
    for _ in range(5):
        login(client, victim.email, "wrong-password")
    response = login(client, other.email)
    assert response.wsgi_request.user == other


@pytest.mark.django_db
def test_secretariat_must_enrol_two_factor_when_required(client, settings):
    settings.PORTAL_REQUIRE_MFA = True
    user = user_with_role(Role.SECRETARIAT)
    response = login(client, user.email)
    # allauth may ask for the password once more before enrolment; either way enrolment is next.
    assert reverse("mfa_activate_totp") in unquote(response.redirect_chain[-1][0])
    # Every other page sends them back to enrolment until they have done it.
    response = client.get(reverse("accounts:organisation-requests"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_committee_with_two_factor_enrolled_gets_in(client_for, settings):
    settings.PORTAL_REQUIRE_MFA = True
    user = user_with_role(Role.COMMITTEE)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = client_for(user).get("/nl/dashboard/home/committee/")
    assert response.status_code == 200
    assert user.organisation.name in response.content.decode()


@pytest.mark.django_db
def test_company_is_not_forced_into_two_factor(client, settings):
    settings.PORTAL_REQUIRE_MFA = True
    user = user_with_role(Role.COMPANY)
    response = login(client, user.email)
    assert response.redirect_chain[-1][0] == "/nl/dashboard/home/company/"


@pytest.mark.django_db
def test_two_factor_not_required_when_setting_is_off(client, settings):
    settings.PORTAL_REQUIRE_MFA = False
    user = user_with_role(Role.SECRETARIAT)
    response = login(client, user.email)
    assert response.redirect_chain[-1][0] == "/nl/dashboard/home/secretariat/"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings():
    from portal.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_many_failures_from_one_address_lock_out_that_address(client):
    users = [user_with_role(Role.NGO) for _ in range(5)]
    for user in users:
        for _ in range(4):  # below the per-account limit, 20 in all from this address
            login(client, user.email, "wrong-password")
    fresh = user_with_role(Role.COMPANY)
    response = login(client, fresh.email)
    assert response.wsgi_request.user.is_anonymous
    with translation.override("nl"):
        message = translation.gettext("Too many failed attempts to log in. Try again in 15 minutes.")
    assert message in response.content.decode()
