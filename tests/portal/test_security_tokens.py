"""API tokens: made, seen and revoked by their owner; behind the same gate as the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import ApiToken, Organisation
from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create, hash_key
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

TOKENS = "/nl/dashboard/tokens/"
ME = "/api/v1/me/"


def api(client, key: str, path: str = ME):
    # The API answers in the caller's language (Dutch by default): messages are asserted in English.
    return client.get(path, HTTP_AUTHORIZATION=f"Token {key}", headers={"Accept-Language": "en"})


# --- the tokens page ------------------------------------------------------------------------------


def test_user_creates_a_named_token_and_sees_the_key_once(client_for, company_user):
    client = client_for(company_user)
    response = client.post(TOKENS, {"name": "Reporting script"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=company_user)
    assert token.name == "Reporting script"
    body = response.content.decode()
    key = body.split('id="new-token-key" class="token-key" type="text" value="', 1)[1].split('"', 1)[0]
    assert key.startswith("imvo_") and len(key) > 40
    # Only a hash is stored; the page never shows the key again.
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    again = client.get(TOKENS).content.decode()
    assert "Reporting script" in again and key not in again
    assert token.prefix in again
    assert api(client_for(None), key).json()["email"] == company_user.email


def test_token_without_a_name_gets_an_error_at_the_field(client_for, company_user):
    response = client_for(company_user).post(TOKENS, {"name": "  "})
    assert response.status_code == 200
    assert 'id="id_name_error"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_tokens_page_lists_only_the_users_own_tokens_with_last_use(client_for, company_user, ngo_user):
    mine, key = api_token_create(user=company_user, name="Mine")
    api_token_create(user=ngo_user, name="Someone else's")
    api(client_for(None), key)
    mine.refresh_from_db()
    assert mine.last_used_at is not None
    body = client_for(company_user).get(TOKENS).content.decode()
    assert "Mine" in body and "Someone else" not in body
    assert "Nooit" not in body and "Never" not in body  # it was used


def test_user_revokes_a_token_and_it_stops_working(client_for, company_user):
    token, key = api_token_create(user=company_user, name="Old laptop")
    assert api(client_for(None), key).status_code == 200
    response = client_for(company_user).post(reverse("accounts:token-revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api(client_for(None), key).status_code == 403
    assert "Old laptop" not in client_for(company_user).get(TOKENS).content.decode()


def test_user_cannot_revoke_another_users_token(client_for, company_user, other_company_user):
    token, key = api_token_create(user=other_company_user, name="Theirs")
    url = reverse("accounts:token-revoke", kwargs={"pk": token.pk})
    assert client_for(company_user).post(url).status_code == 404
    assert api(client_for(None), key).status_code == 200


def test_tokens_page_needs_a_signed_in_user(client):
    response = client.get(TOKENS)
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- authentication ---------------------------------------------------------------------------------


def test_unknown_or_malformed_token_is_refused(client):
    assert "Invalid or revoked token" in api(client, "imvo_not-a-real-key").json()["detail"]
    assert api(client, "imvo_not-a-real-key").status_code == 403
    assert api(client, "0123456789abcdef").status_code == 403
    assert client.get(ME, HTTP_AUTHORIZATION="Token").status_code == 403


def test_token_of_an_inactive_user_is_refused(client, company_user):
    _token, key = api_token_create(user=company_user, name="x")
    company_user.is_active = False
    company_user.save(update_fields=["is_active"])
    assert api(client, key).status_code == 403


def test_last_used_is_not_written_on_every_request(client, company_user):
    token, key = api_token_create(user=company_user, name="x")
    earlier = timezone.now() - timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    api(client, key)
    token.refresh_from_db()
    assert token.last_used_at == earlier


# --- the same gate as the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [ME, "/api/v1/organisations/"])
def test_secretariat_token_without_two_factor_gets_403_when_two_factor_is_required(client, settings, path):
    settings.PORTAL_REQUIRE_MFA = True
    _token, key = api_token_create(user=user_with_role(Role.SECRETARIAT), name="x")
    response = api(client, key, path)
    assert response.status_code == 403
    assert "Two-factor authentication is required" in response.json()["detail"]


def test_secretariat_token_cannot_reach_the_decide_action_without_two_factor(client, settings):
    settings.PORTAL_REQUIRE_MFA = True
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    _token, key = api_token_create(user=user_with_role(Role.SECRETARIAT), name="x")
    for path in ("/api/v1/organisations/", f"/api/v1/organisations/{pending.pk}/"):
        assert api(client, key, path).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_secretariat_token_with_two_factor_works_when_required(client, settings):
    settings.PORTAL_REQUIRE_MFA = True
    user = user_with_role(Role.SECRETARIAT)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    _token, key = api_token_create(user=user, name="x")
    assert api(client, key).status_code == 200


def test_staff_token_without_two_factor_gets_403_when_required(client, settings):
    settings.PORTAL_REQUIRE_MFA = True
    _token, key = api_token_create(user=user_with_role(Role.COMPANY, is_staff=True), name="x")
    assert api(client, key).status_code == 403


def test_company_token_is_not_asked_for_two_factor(client, settings, company_user):
    settings.PORTAL_REQUIRE_MFA = True
    _token, key = api_token_create(user=company_user, name="x")
    assert api(client, key).status_code == 200


def test_token_of_a_waiting_organisation_gets_403(client):
    user = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    _token, key = api_token_create(user=user, name="x")
    response = api(client, key)
    assert response.status_code == 403
    assert "not been approved" in response.json()["detail"]


# --- a new password ends every token ----------------------------------------------------------------


def test_password_change_revokes_the_users_tokens(client_for, company_user):
    _token, key = api_token_create(user=company_user, name="x")
    response = client_for(company_user).post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a-brand-new-pass-2026", "password2": "a-brand-new-pass-2026"},
    )
    assert response.status_code == 302
    assert api(client_for(None), key).status_code == 403
    assert ApiToken.objects.get(user=company_user).revoked_at is not None


def test_password_reset_revokes_the_users_tokens(client, company_user):
    _token, key = api_token_create(user=company_user, name="x")
    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(company_user),
            "key": default_token_generator.make_token(company_user),
        },
    )
    form_url = client.get(url)["Location"]  # allauth moves the key into the session first
    response = client.post(
        form_url, {"password1": "a-brand-new-pass-2026", "password2": "a-brand-new-pass-2026"}
    )
    assert response.status_code == 302
    company_user.refresh_from_db()
    assert company_user.check_password("a-brand-new-pass-2026")
    assert api(client, key).status_code == 403


def test_password_set_outside_allauth_also_ends_the_tokens(client, company_user):
    # e.g. a superuser sets it in the admin, or `manage.py changepassword`: no allauth signal.
    token, key = api_token_create(user=company_user, name="x")
    company_user.set_password("set-by-an-administrator-2026")
    company_user.save(update_fields=["password"])
    assert api(client, key).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_saving_the_user_without_a_new_password_keeps_the_token(client, company_user):
    _token, key = api_token_create(user=company_user, name="x")
    company_user.first_name = "Renamed"
    company_user.save()
    assert api(client, key).status_code == 200
