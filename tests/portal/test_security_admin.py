"""The admin has no login of its own: the portal's login, lockout and two-factor apply to it too."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from portal.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/nl/admin/"
ADMIN_LOGIN = "/nl/admin/login/"
LOGIN = "/nl/account/login/"


def superuser(**kwargs) -> User:
    return UserFactory(organisation=None, is_staff=True, is_superuser=True, **kwargs)


def enrol_totp(user: User) -> None:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})


def test_admin_login_page_sends_to_the_portal_login_with_next(client):
    response = client.get(ADMIN_LOGIN, {"next": "/nl/admin/accounts/user/"})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == LOGIN
    assert parse_qs(target.query)["next"] == ["/nl/admin/accounts/user/"]


def test_admin_login_refuses_an_outside_next_address(client):
    response = client.get(ADMIN_LOGIN, {"next": "https://evil.example/"})
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [ADMIN]


def test_the_admin_login_form_no_longer_signs_anyone_in(client):
    user = superuser()
    response = client.post(ADMIN_LOGIN, {"username": user.email, "password": PASSWORD, "next": ADMIN})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == LOGIN
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_thirty_wrong_passwords_on_the_admin_login_path_are_locked_out(client):
    user = superuser()
    for _ in range(30):
        # The admin's login path leads to the portal's login form, where the lockout is counted.
        response = client.post(ADMIN_LOGIN, {"username": user.email, "password": "wrong"}, follow=True)
        login_url = response.redirect_chain[-1][0]
        assert urlsplit(login_url).path == LOGIN
        client.post(login_url, {"login": user.email, "password": "wrong"})
    response = client.post(f"{LOGIN}?next={ADMIN}", {"login": user.email, "password": PASSWORD}, follow=True)
    assert response.wsgi_request.user.is_anonymous
    # Locked: the account lockout's message, or the stricter per-address limit on the login form.
    body = response.content.decode()
    assert "Te veel inlogpogingen" in body or (response.status_code == 429 and 'id="main"' in body)
    assert client.get(ADMIN).status_code == 302


def test_superuser_with_totp_is_asked_for_the_second_factor_before_the_admin(client):
    user = superuser()
    enrol_totp(user)
    response = client.post(f"{LOGIN}?next={ADMIN}", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # The password alone does not open the admin.
    admin = client.get(ADMIN)
    assert admin.status_code == 302
    assert urlsplit(admin["Location"]).path == ADMIN_LOGIN


def test_staff_user_without_totp_is_sent_to_enrolment_when_two_factor_is_required(client_for, settings):
    settings.PORTAL_REQUIRE_MFA = True
    staff = UserFactory(organisation=None, is_staff=True)
    response = client_for(staff).get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_superuser_without_totp_is_sent_to_enrolment_when_two_factor_is_required(client_for, settings):
    settings.PORTAL_REQUIRE_MFA = True
    client = client_for(superuser())
    for path in (ADMIN, "/nl/dashboard/", "/nl/admin/accounts/user/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp")


def test_superuser_with_totp_uses_the_admin_when_two_factor_is_required(client_for, settings):
    settings.PORTAL_REQUIRE_MFA = True
    user = superuser()
    enrol_totp(user)
    response = client_for(user).get(ADMIN)
    assert response.status_code == 200
    assert "site-name" in response.content.decode()


def test_superuser_uses_the_admin_without_totp_when_two_factor_is_not_required(client_for, settings):
    settings.PORTAL_REQUIRE_MFA = False
    assert client_for(superuser()).get(ADMIN).status_code == 200


def test_signed_in_non_staff_user_gets_403_not_a_login_loop(client_for, company_user):
    client = client_for(company_user)
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403


def test_admin_password_change_goes_to_the_portals_password_page(client_for):
    response = client_for(superuser()).get("/nl/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")
