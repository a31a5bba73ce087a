"""GET /healthz: up or down for everyone; the state of each part only for those allowed to see it.

Anonymous callers get {"status": "ok"} (200) or {"status": "down"} (503). The details (database,
Redis, Celery workers) go to signed-in staff and secretariat users, or to a monitor that sends the
secret from PORTAL_HEALTH_TOKEN in the X-Health-Token header.
"""

from __future__ import annotations

import hmac
from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.access import public
from portal.accounts.roles import Role, role_of
from portal.celery import app as celery_app

HEALTH_TOKEN_HEADER = "HTTP_X_HEALTH_TOKEN"  # noqa: S105 - a header name, not a secret


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


def may_see_details(request: HttpRequest) -> bool:
    """Staff, superusers and the secretariat, or a caller with the configured health token."""
    expected = settings.PORTAL_HEALTH_TOKEN
    given = request.META.get(HEALTH_TOKEN_HEADER, "")
    if expected and given and hmac.compare_digest(given.encode(), expected.encode()):
        return True
    user = request.user
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or role_of(user) == Role.SECRETARIAT)


@public
@never_cache
@require_GET
def health_view(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "redis": _redis()}
    # Without Redis there is no broker to ask the workers through.
    checks["workers"] = _workers() if checks["redis"]["ok"] else {"ok": False, "error": "broker unreachable"}
    healthy = all(check["ok"] for check in checks.values())
    body: dict[str, Any] = {"status": "ok" if healthy else "down"}
    if may_see_details(request):
        body["checks"] = checks
    return JsonResponse(body, status=200 if healthy else 503)
