"""Request bodies are capped before anything reads them; upload views declare a larger cap."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import path

from portal.core.middleware import _view_limit, accepts_uploads
from portal.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class ExplodingInput(io.RawIOBase):
    """A request body that fails the test as soon as anybody reads it."""

    def read(self, *args, **kwargs):  # pragma: no cover - reaching this is the failure
        raise AssertionError("the request body was read")

    readline = read


def post_claiming(client: Client, url: str, length: int, content_type: str = MULTIPART_CONTENT, **extra):
    """POST with a Content-Length of `length` and a body that must never be read."""
    return client.generic(
        "POST",
        url,
        data=b"x",
        content_type=content_type,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": ExplodingInput()},
        **extra,
    )


def test_anonymous_60_mb_multipart_post_to_login_is_refused_unread(client):
    response = post_claiming(client, "/nl/account/login/", 60 * MB)
    assert response.status_code == 413
    body = response.content.decode()
    assert 'lang="nl"' in body and "<h1>" in body and "25 MB" in body


def test_two_megabyte_form_post_to_login_is_refused_unread(client):
    response = post_claiming(client, "/en/account/login/", 2 * MB, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "The request is too large" in response.content.decode()
    assert "1 MB" in response.content.decode()


def test_api_gets_a_json_413(client):
    response = post_claiming(client, "/api/v1/me/", 2 * MB, "application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_a_normal_login_post_still_works(client, company_user):
    from tests.factories import PASSWORD

    response = client.post("/nl/account/login/", {"login": company_user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_global_cap_is_configurable(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 10 * MB
    settings.PORTAL_MAX_FORM_BYTES = 20 * MB  # the global cap still wins
    assert post_claiming(client, "/nl/account/login/", 11 * MB).status_code == 413


def test_form_fields_without_files_are_capped_at_one_megabyte(settings):
    # Django's own check on the non-file part of a body, for bodies that pass the middleware.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == MB


# --- views that take uploads ------------------------------------------------------------------------


@accepts_uploads(max_bytes=12 * MB)
def _upload_view(request):
    from django.http import HttpResponse

    return HttpResponse(f"{len(request.FILES['file'].read())}")


@accepts_uploads()
def _default_upload_view(request):  # pragma: no cover - only its mark is read
    raise AssertionError


urlpatterns = [path("upload/", _upload_view), *site_urlpatterns]


def test_upload_view_accepts_a_body_over_the_form_cap(client, settings):
    settings.ROOT_URLCONF = __name__
    payload = encode_multipart(BOUNDARY, {"file": io.BytesIO(b"a" * (3 * MB))})
    response = client.generic("POST", "/upload/", data=payload, content_type=MULTIPART_CONTENT)
    assert response.status_code == 200
    assert response.content == str(3 * MB).encode()


def test_upload_view_refuses_a_body_over_its_own_cap_unread(client, settings):
    settings.ROOT_URLCONF = __name__
    assert post_claiming(client, "/upload/", 13 * MB).status_code == 413


def test_upload_marks_are_read_from_views_and_never_exceed_the_global_cap(settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 25 * MB
    settings.PORTAL_MAX_FORM_BYTES = 1 * MB
    assert _view_limit(_upload_view) == 12 * MB
    assert _view_limit(_default_upload_view) == 25 * MB
    assert _view_limit(accepts_uploads(max_bytes=100 * MB)(lambda request: None)) == 25 * MB
    assert _view_limit(lambda request: None) == 1 * MB


def test_meeting_minutes_views_take_uploads():
    from django.urls import resolve

    match = resolve("/nl/covenants/garments/governance/meetings/new/")
    assert _view_limit(match.func) > 10 * MB
