"""GET /healthz: the state of the database, Redis and the Celery workers, as JSON."""

from __future__ import annotations

from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.access import public
from portal.celery import app as celery_app


def _database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def _redis() -> dict[str, Any]:
    url = settings.REDIS_URL
    if not url:
        return {"ok": True, "detail": "not configured (embedded mode)"}
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _workers() -> dict[str, Any]:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "detail": "tasks run eagerly (embedded mode)"}
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    replies = replies or []
    return {"ok": bool(replies), "count": len(replies)}


@public
@never_cache
@require_GET
def health_view(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "redis": _redis()}
    # Without Redis there is no broker to ask the workers through.
    checks["workers"] = _workers() if checks["redis"]["ok"] else {"ok": False, "error": "broker unreachable"}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
