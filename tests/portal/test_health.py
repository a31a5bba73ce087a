from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


HEALTH_TOKEN = "monitor-secret-for-tests"


@pytest.fixture(autouse=True)
def _health_token(settings):
    settings.PORTAL_HEALTH_TOKEN = HEALTH_TOKEN


def test_healthz_reports_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz", HTTP_X_HEALTH_TOKEN=HEALTH_TOKEN)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["workers"]["ok"] is False


def test_healthz_reports_503_when_no_worker_answers(client, settings):
    from portal.celery import app as celery_app

    celery_app.conf.task_always_eager = False
    try:
        response = client.get("/healthz", HTTP_X_HEALTH_TOKEN=HEALTH_TOKEN)
    finally:
        celery_app.conf.task_always_eager = True
    # No worker runs for this (non-integration) test, so the check must fail rather than pretend.
    assert response.status_code == 503
    assert response.json()["checks"]["workers"]["ok"] is False


def test_healthz_is_not_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
