"""The authentication library's pages speak the portal's voice through our own templates and forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from portal.accounts.roles import Role
from tests.factories import PASSWORD, user_with_role

from .test_forms import parse, text
from .test_signup import signup_data

pytestmark = pytest.mark.django_db

OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"

ANONYMOUS_PAGES = [
    "/en/account/login/",
    "/en/account/signup/",
    "/en/account/password/reset/",
    "/en/account/password/reset/done/",
    "/en/account/confirm-email/",
    "/en/account/confirm-email/not-a-key/",
    "/en/account/password/reset/key/1-not-a-key/",
]
SIGNED_IN_PAGES = [
    "/en/account/logout/",
    "/en/account/email/",
    "/en/account/password/change/",
    "/en/account/2fa/",
    "/en/account/2fa/totp/activate/",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def library_templates(response) -> list[str]:
    """Templates that rendered the page from outside the portal's own templates folder."""
    names = []
    for template in response.templates:
        origin = getattr(template.origin, "name", "") or ""
        if origin and not origin.startswith(str(OUR_TEMPLATES)) and "/django/forms/" not in origin:
            names.append(template.name)
    return names


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_account_pages_render_only_our_templates(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert library_templates(response) == []


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_account_pages_render_only_our_templates(client_for, path):
    client = client_for(user_with_role(Role.COMPANY))
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert library_templates(response) == []
    body = response.content.decode()
    for library_words in ("Sign Out", "Two-Factor Authentication", "Email Addresses", "Change Password"):
        assert library_words not in body


def test_forgot_password_link_comes_after_the_password_field(client):
    page = parse(client.get("/en/account/login/").content.decode())
    form = page.find(".//main//form")
    assert form is not None
    order = list(form.iter())
    label = next(e for e in order if e.tag == "label" and e.get("for") == "id_password")
    field = next(e for e in order if e.tag == "input" and e.get("id") == "id_password")
    link = next(e for e in order if e.tag == "a" and e.get("href", "").endswith("/account/password/reset/"))
    assert order.index(label) < order.index(field) < order.index(link)
    assert text(link) == "Forgot your password?"
    # Nothing to tab to between the label and the field.
    between = order[order.index(label) : order.index(field)]
    assert not any(e.tag == "a" for e in between)


def test_login_form_uses_our_labels_and_no_placeholders(client):
    page = parse(client.get("/en/account/login/").content.decode())
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_login"] == "E-mail address"
    assert labels["id_password"] == "Password"
    assert labels["id_remember"] == "Stay logged in on this device"
    assert not any(e.get("placeholder") for e in page.iter("input"))
    assert text(page.find(".//h1")) == "Log in"
    assert text(page.find(".//title")).startswith("Log in")


def test_wrong_password_gets_our_message_in_the_summary(client):
    user = user_with_role(Role.COMPANY)
    response = client.post("/en/account/login/", {"login": user.email, "password": "wrong-password"})
    page = parse(response.content.decode())
    summary = page.find(".//div[@class='error-summary']")
    assert "The e-mail address or the password is not correct." in text(summary)
    assert text(page.find(".//title")).startswith("Error: Log in")


def test_right_password_still_logs_in(client):
    user = user_with_role(Role.COMPANY)
    response = client.post("/en/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == user


def test_signup_page_speaks_of_requesting_an_account(client):
    page = parse(client.get("/en/account/signup/").content.decode())
    assert text(page.find(".//h1")) == "Request an account"
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_email"] == "E-mail address"
    assert labels["id_password2"] == "Repeat the password"
    assert labels["id_kvk_number"] == "KvK number (optional)"
    assert not any(e.get("placeholder") for e in page.iter("input"))


def test_signup_with_different_passwords_gets_our_message(client):
    data = signup_data(password2="another-long-pass-2026")
    page = parse(client.post("/en/account/signup/", data).content.decode())
    error = page.find(".//*[@id='id_password2_error']")
    assert "The two passwords are not the same." in text(error)
    summary = page.find(".//div[@class='error-summary']")
    assert summary is not None and summary.find(".//a[@href='#id_password2']") is not None


def test_reauthentication_and_the_mfa_code_form_use_our_words(client_for):
    client = client_for(user_with_role(Role.COMPANY))
    # Switching on two-factor asks for the password again first.
    response = client.get("/en/account/2fa/totp/activate/", follow=True)
    page = parse(response.content.decode())
    assert text(page.find(".//h1")) == "Confirm it is you"
    wrong = parse(client.post("/en/account/reauthenticate/", {"password": "nope"}).content.decode())
    assert "The password is not correct." in text(wrong.find(".//*[@id='id_password_error']"))
    client.post("/en/account/reauthenticate/", {"password": PASSWORD})
    page = parse(client.get("/en/account/2fa/totp/activate/").content.decode())
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_code"] == "Code from your authenticator app"
    response = client.post("/en/account/2fa/totp/activate/", {"code": "000000"})
    page = parse(response.content.decode())
    error = page.find(".//*[@id='id_code_error']")
    assert "The code is not correct. Check the time on your phone and try again." in text(error)
    assert page.find(".//div[@class='error-summary']//a[@href='#id_code']") is not None


def test_a_dutch_page_takes_its_words_from_the_portal_catalogue(tmp_path, client):
    from .catalogue import dutch_catalogue

    with dutch_catalogue(
        tmp_path, {"Forgot your password?": "Wachtwoord vergeten?", "Password": "Wachtwoord"}
    ):
        page = parse(Client().get("/nl/account/login/").content.decode())
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_password"] == "Wachtwoord"
    assert any(text(a) == "Wachtwoord vergeten?" for a in page.iter("a"))


def user_with_two_factor():
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = user_with_role(Role.COMPANY)
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    return user


def test_two_factor_login_step_is_ours(client):
    user = user_with_two_factor()
    response = client.post("/en/account/login/", {"login": user.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/account/2fa/authenticate/")
    assert library_templates(response) == []
    page = parse(response.content.decode())
    assert text(page.find(".//h1")) == "Enter your code"
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_code"] == "Code from your authenticator app or a recovery code"

    wrong = client.post("/en/account/2fa/authenticate/", {"code": "000000"})
    page = parse(wrong.content.decode())
    assert "The code is not correct." in text(page.find(".//*[@id='id_code_error']"))
    assert text(page.find(".//title")).startswith("Error: ")
    assert wrong.wsgi_request.user.is_anonymous


@pytest.mark.parametrize(
    "path",
    ["/en/account/2fa/", "/en/account/2fa/recovery-codes/", "/en/account/2fa/recovery-codes/generate/"],
)
def test_two_factor_management_pages_are_ours(client_for, path):
    client = client_for(user_with_two_factor())
    client.post("/en/account/reauthenticate/", {"password": PASSWORD})
    response = client.get(path)
    assert response.status_code == 200
    assert library_templates(response) == []
    body = response.content.decode()
    for library_words in ("Recovery Codes", "Authenticator App", "Deactivate", "Generate"):
        assert library_words not in body
