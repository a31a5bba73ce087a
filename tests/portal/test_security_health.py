"""/healthz tells the public only up or down; the details are for staff, the secretariat or a monitor."""

from __future__ import annotations

import pytest

from portal.accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

TOKEN = "a-long-monitor-secret"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.PORTAL_HEALTH_TOKEN = TOKEN


def test_anonymous_caller_gets_only_the_status(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "postgresql" not in response.content.decode()


def test_anonymous_caller_gets_only_down_when_something_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_monitor_with_the_token_gets_the_details(client):
    body = client.get("/healthz", HTTP_X_HEALTH_TOKEN=TOKEN).json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": "postgresql"}


def test_a_wrong_token_gets_no_details(client):
    assert client.get("/healthz", HTTP_X_HEALTH_TOKEN="guess").json() == {"status": "ok"}


def test_no_token_configured_means_no_header_opens_the_details(client, settings):
    settings.PORTAL_HEALTH_TOKEN = ""
    assert client.get("/healthz", HTTP_X_HEALTH_TOKEN="").json() == {"status": "ok"}


def test_signed_in_secretariat_gets_the_details(client_for):
    body = client_for(user_with_role(Role.SECRETARIAT)).get("/healthz").json()
    assert "checks" in body and body["checks"]["redis"]["ok"] is True


def test_signed_in_staff_user_gets_the_details(client_for):
    user = user_with_role(Role.COMPANY)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    assert "checks" in client_for(user).get("/healthz").json()


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT])
def test_other_signed_in_users_get_only_the_status(client_for, role):
    assert client_for(user_with_role(role)).get("/healthz").json() == {"status": "ok"}
