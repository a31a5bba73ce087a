"""Password guessing: after the allowed failures an account is locked, even for the right password, with
a translated message; once the window has passed the right password signs in again."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.utils import translation

from portal.accounts.roles import Role
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


def login(client, email: str, password: str, language: str = "nl"):
    return client.post(f"/{language}/account/login/", {"login": email, "password": password}, follow=True)


def per_account_limit() -> tuple[int, int]:
    """(failures, seconds) of the per-account part of the configured lockout, e.g. 5/15m/key."""
    for rate in allauth_ratelimit.parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"]):
        if rate.per == "key":
            return rate.amount, int(rate.duration)
    raise AssertionError("no per-account login lockout configured")


def later(monkeypatch, seconds: float) -> None:
    """Move allauth's rate-limit clock on by `seconds` (only its clock; the rest keeps real time)."""
    clock = SimpleNamespace(time=lambda: time.time() + seconds, monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(allauth_ratelimit, "time", clock)


def test_the_lockout_is_configured_per_account_and_per_address():
    rates = {rate.per for rate in allauth_ratelimit.parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])}
    assert rates == {"ip", "key"}
    failures, seconds = per_account_limit()
    assert failures <= 10 and seconds >= 300


@pytest.mark.parametrize("language", ["nl", "en"])
def test_after_the_allowed_failures_the_right_password_is_refused_until_the_window_has_passed(
    client, monkeypatch, language
):
    user = user_with_role(Role.COMPANY)
    failures, window = per_account_limit()
    for _ in range(failures):
        assert login(client, user.email, "wrong-password", language).wsgi_request.user.is_anonymous
    refused = login(client, user.email, PASSWORD, language)
    assert refused.wsgi_request.user.is_anonymous
    with translation.override(language):
        message = translation.gettext("Too many failed attempts to log in. Try again in 15 minutes.")
    assert message in refused.content.decode()

    later(monkeypatch, window + 1)
    again = login(client, user.email, PASSWORD, language)
    assert again.wsgi_request.user == user


def test_the_lockout_holds_for_the_whole_window(client, monkeypatch):
    user = user_with_role(Role.NGO)
    failures, window = per_account_limit()
    for _ in range(failures):
        login(client, user.email, "wrong-password")
    later(monkeypatch, window - 30)
    assert login(client, user.email, PASSWORD).wsgi_request.user.is_anonymous
