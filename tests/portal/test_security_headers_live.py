"""Security headers on real responses: the portal runs in gunicorn with production settings on
loopback, behind the proxy header a TLS-terminating proxy sets, and the tests fetch pages over HTTP.

Case pages of a complaint (for the complainant, the committee and the secretariat) and the
receipt-code page are never stored by a browser or a proxy: `Cache-Control: no-store`.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from json import dumps as json_dumps
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client

from tests.complaints.helpers import Cast

ROOT = Path(__file__).resolve().parents[2]
HTTPS = {"X-Forwarded-Proto": "https"}
START_TIMEOUT = 90.0

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


class Server:
    def __init__(self, port: int) -> None:
        self.port = port

    def get(self, path: str, headers: dict[str, str] | None = None, *, cookies: str = ""):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            sent = {**(headers or {}), **({"Cookie": cookies} if cookies else {})}
            conn.request("GET", path, headers=sent)
            response = conn.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def post(self, path: str, body: str, headers: dict[str, str], cookies: str = "", *, json: bool = False):
        kind = "application/json" if json else "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            sent = {**headers, "Content-Type": kind, **({"Cookie": cookies} if cookies else {})}
            conn.request("POST", path, body=body.encode(), headers=sent)
            response = conn.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            conn.close()


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Server]:
    """gunicorn with production settings on this process's test database, stopped at the end."""
    var = tmp_path_factory.mktemp("live-var")
    (var / "static").mkdir()
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_", "CELERY_", "REDIS_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.live_production_settings",
            # The tests' own key, so the sessions they write are valid for the server too.
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(),
            "PORTAL_VAR_DIR": str(var),
            "PORTAL_LOG_LEVEL": "WARNING",
            "CELERY_BROKER_URL": "memory://",
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "EMAIL_URL": "consolemail://",
        }
    )
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--timeout",
        "120",
    ]
    log = (var / "gunicorn.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    live = Server(port)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise AssertionError(f"gunicorn stopped: {(var / 'gunicorn.log').read_text()[-3000:]}")
            try:
                live.get("/robots.txt", HTTPS)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not answer within the timeout") from None
                time.sleep(0.2)
        yield live
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
        log.close()


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


def assert_security_headers(headers, path: str) -> None:
    policy = directives(headers.get("Content-Security-Policy", ""))
    assert policy, f"{path}: no Content-Security-Policy"
    scripts = policy.get("script-src", policy.get("default-src", ""))
    assert scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, path
    assert "unsafe-eval" not in headers["Content-Security-Policy"], path
    assert policy.get("frame-ancestors") == "'none'", path
    assert headers.get("Referrer-Policy") == "same-origin", path
    assert headers.get("X-Content-Type-Options") == "nosniff", path
    assert headers.get("X-Frame-Options") == "DENY", path
    hsts = headers.get("Strict-Transport-Security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) >= 365 * 24 * 3600, f"{path}: HSTS is {hsts!r}"
    assert "includeSubDomains" in headers["Strict-Transport-Security"], path


def assert_not_stored(headers, path: str) -> None:
    cache_control = {part.strip() for part in headers.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, f"{path}: {headers.get('Cache-Control')}"


def session_cookie(user) -> str:
    """A signed-in session for `user`, written to the shared database the server reads."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


PUBLIC = [
    "/nl/",
    "/en/covenants/",
    "/en/complaints/file/",
    "/nl/account/login/",
    "/nl/nowhere/",
    "/api/v1/me/",
]


def test_plain_http_is_sent_to_https_and_gets_no_page(server):
    status, headers, _body = server.get("/nl/")
    assert status == 301
    assert headers["Location"].startswith("https://127.0.0.1")


@pytest.mark.parametrize("path", PUBLIC)
def test_pages_behind_the_proxy_carry_the_security_headers(server, path):
    status, headers, _body = server.get(path, HTTPS)
    assert status in {200, 403, 404}, (path, status)
    assert_security_headers(headers, path)


def test_case_pages_and_the_receipt_code_page_are_never_stored(server):
    cast = Cast()
    for user in (cast.committee, cast.secretariat):
        # Production requires two-factor for these roles; enrolled, a session opens their pages.
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    case_path = f"/en/complaints/cases/{cast.complaint.reference}/"

    # The complainant: the receipt-code page, then the case it opens, over HTTP as a browser would.
    status, headers, body = server.get("/en/complaints/return/", HTTPS)
    assert status == 200
    assert_security_headers(headers, "return page")
    assert_not_stored(headers, "return page")
    cookie = re.search(r"(csrftoken=[^;]+)", headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    origin = {
        **HTTPS,
        "Origin": f"https://127.0.0.1:{server.port}",
        "Referer": f"https://127.0.0.1:{server.port}/",
    }
    status, headers, _body = server.post(
        "/en/complaints/return/",
        urlencode({"csrfmiddlewaretoken": token, "code": cast.filed.receipt_code}),
        origin,
        cookie,
    )
    assert status == 302 and headers["Location"].endswith(case_path)
    assert_not_stored(headers, "the code's answer")
    session = re.search(rf"({settings.SESSION_COOKIE_NAME}=[^;]+)", headers["Set-Cookie"]).group(1)
    status, headers, body = server.get(case_path, HTTPS, cookies=session)
    assert status == 200 and cast.complaint.reference in body
    assert_security_headers(headers, "complainant's case page")
    assert_not_stored(headers, "complainant's case page")

    # The committee and the secretariat, signed in.
    for who, user in (
        ("committee", cast.committee),
        ("secretariat", cast.secretariat),
    ):
        status, headers, body = server.get(case_path, HTTPS, cookies=session_cookie(user))
        assert status == 200, (who, status, headers.get("Location"))
        assert cast.complaint.reference in body
        assert_security_headers(headers, f"{who}'s case page")
        assert_not_stored(headers, f"{who}'s case page")
    # The API's answer to a receipt code is the case itself.
    status, headers, body = server.post(
        "/api/v1/complaints/receipt/", json_dumps({"code": cast.filed.receipt_code}), HTTPS, json=True
    )
    assert status == 200 and cast.complaint.reference in body
    assert_security_headers(headers, "receipt API")
    assert_not_stored(headers, "receipt API")
    # The list of cases too.
    status, headers, _body = server.get("/en/complaints/", HTTPS, cookies=session_cookie(cast.committee))
    assert status == 200
    assert_not_stored(headers, "case list")
