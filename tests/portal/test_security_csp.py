"""A strict Content-Security-Policy on every response, and pages that need nothing looser."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from portal.accounts.roles import Role
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/nl/",
    "/en/",
    "/nl/accessibility/",
    "/nl/privacy/",
    "/nl/covenants/",
    "/nl/account/login/",
    "/en/account/signup/",
    "/nl/account/password/reset/",
    "/nl/does-not-exist/",
    "/api/docs/",
    "/api/schema/",
    "/api/v1/me/",
    "/healthz",
]
SECRETARIAT_PAGES = [
    "/nl/dashboard/home/secretariat/",
    "/nl/dashboard/tokens/",
    "/nl/dashboard/organisations/requests/",
    "/nl/notifications/",
    "/nl/covenants/manage/",
    "/nl/covenants/applications/",
    "/nl/covenants/cycles/",
    "/nl/account/2fa/",
    "/nl/account/password/change/",
    "/nl/account/email/",
]
ADMIN_PAGES = ["/nl/admin/", "/nl/admin/accounts/user/", "/nl/admin/accounts/organisation/add/"]

REQUIRED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


def assert_strict_policy(response, path: str) -> None:
    header = response.get("Content-Security-Policy")
    assert header, f"{path} has no Content-Security-Policy"
    policy = directives(header)
    for name, value in REQUIRED.items():
        assert policy.get(name) == value, f"{path}: {name} is {policy.get(name)!r}"
    assert "unsafe" not in header, f"{path}: {header}"


INLINE = [
    # A <script type="application/json"> is data, which the browser never runs.
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "inline style element"),
    (re.compile(r"\sstyle=[\"']", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=[\"']", re.I), "event handler attribute"),
    (re.compile(r"href=[\"']javascript:", re.I), "javascript: link"),
]


def assert_nothing_inline(response, path: str) -> None:
    if "html" not in response.get("Content-Type", ""):
        return
    body = response.content.decode()
    for pattern, what in INLINE:
        match = pattern.search(body)
        assert match is None, f"{path} has an {what}: {body[max(match.start() - 80, 0) : match.end() + 80]}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_responses_carry_the_strict_policy(client, path):
    response = client.get(path)
    assert_strict_policy(response, path)
    assert_nothing_inline(response, path)


def test_signed_in_pages_carry_the_strict_policy_and_have_nothing_inline(client_for):
    client = client_for(user_with_role(Role.SECRETARIAT))
    for path in SECRETARIAT_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_policy(response, path)
        assert_nothing_inline(response, path)


def test_admin_pages_carry_the_strict_policy(client_for):
    client = client_for(UserFactory(organisation=None, is_staff=True, is_superuser=True))
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_policy(response, path)


def test_api_docs_load_their_start_up_script_from_a_file(client):
    body = client.get("/api/docs/").content.decode()
    assert '<script src="/static/js/api-docs.js">' in body
    assert 'data-schema-url="/api/schema/"' in body
    assert finders.find("js/api-docs.js")


def test_pages_turn_off_htmx_inline_indicator_styles(client):
    body = client.get("/nl/").content.decode()
    assert '"includeIndicatorStyles": false' in body
    # The meta tag must come before htmx itself, which reads it when it loads.
    assert body.index('name="htmx-config"') < body.index("django_htmx/htmx")


def test_redoc_is_the_one_page_allowed_runtime_styles_but_never_inline_scripts(client):
    response = client.get("/api/redoc/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    assert "fonts.googleapis.com" not in response.content.decode()
    assert_nothing_inline(response, "/api/redoc/")
