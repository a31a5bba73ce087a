"""Guessing receipt codes: after the limit of tries per address even the right code is refused, with a
translated message, until the window has passed; then the right code opens the case again."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from portal.settings import base

from .helpers import Cast

pytestmark = pytest.mark.django_db

WRONG = "1234 5678 9012 3452"


def later(monkeypatch, seconds: int) -> None:
    """Move the rate limiter's clock on by `seconds` (the limiter's windows follow its clock)."""
    shifted = timezone.now() + timedelta(seconds=seconds)
    monkeypatch.setattr("portal.ratelimit.timezone", SimpleNamespace(now=lambda: shifted))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_after_the_limit_the_right_code_is_refused_until_the_window_has_passed(
    settings, monkeypatch, language
):
    # The production default, not the test settings' generous one.
    settings.PORTAL_COMPLAINT_CODE_LIMIT = base.PORTAL_COMPLAINT_CODE_LIMIT
    tries, window = base.PORTAL_COMPLAINT_CODE_LIMIT
    cast = Cast()
    code = cast.filed.receipt_code
    with translation.override(language):  # whatever language an earlier test left active
        url = reverse("complaints:return")
    client = Client()
    for _ in range(tries):
        assert client.post(url, {"code": WRONG}).status_code == 400
    refused = client.post(url, {"code": code})
    assert refused.status_code == 429
    with translation.override(language):
        message = translation.gettext("Too many tries. Wait a quarter of an hour and try again.")
    body = refused.content.decode()
    assert message in body and 'role="alert"' in body
    assert "complaint_access" not in client.session
    # Another address is not held back by this one's guessing.
    assert Client(REMOTE_ADDR="192.0.2.7").post(url, {"code": code}).status_code == 302

    later(monkeypatch, window)
    opened = client.post(url, {"code": code})
    assert opened.status_code == 302
    assert opened["Location"].endswith(f"/cases/{cast.complaint.reference}/")


def test_the_limit_counts_every_try_not_only_wrong_codes(settings):
    settings.PORTAL_COMPLAINT_CODE_LIMIT = (3, 900)
    code = Cast().filed.receipt_code
    client = Client()
    for _ in range(3):
        assert client.post(reverse("complaints:return"), {"code": code}).status_code == 302
    assert client.post(reverse("complaints:return"), {"code": code}).status_code == 429
