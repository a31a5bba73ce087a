"""Pages for a signed-in user are never cached; public pages for anonymous visitors still may be."""

from __future__ import annotations

import pytest
from django.utils.cache import get_max_age

from portal.accounts.roles import Role
from portal.accounts.tokens import api_token_create
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "path",
    ["/nl/dashboard/home/company/", "/nl/notifications/", "/nl/dashboard/tokens/", "/nl/", "/nl/covenants/"],
)
def test_signed_in_pages_are_private_and_not_stored(client_for, path):
    response = client_for(user_with_role(Role.COMPANY)).get(path)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_redirects_for_a_signed_in_user_are_private_too(client_for):
    response = client_for(user_with_role(Role.COMPANY)).get("/nl/dashboard/")
    assert response.status_code == 302
    assert {"private", "no-store"} <= cache_control(response)


def test_token_authenticated_api_responses_are_private(client):
    _token, key = api_token_create(user=user_with_role(Role.NGO), name="x")
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_view_that_says_public_is_made_private_for_a_signed_in_user(client_for, settings, rf):
    from django.http import HttpResponse
    from django.utils.cache import patch_cache_control

    from portal.core.middleware import PrivateCacheMiddleware

    def public_view(request):
        response = HttpResponse("personal")
        patch_cache_control(response, public=True, max_age=600)
        return response

    request = rf.get("/")
    request.user = user_with_role(Role.COMPANY)
    response = PrivateCacheMiddleware(public_view)(request)
    assert "public" not in cache_control(response)
    assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.parametrize("path", ["/nl/", "/en/covenants/", "/nl/accessibility/"])
def test_public_pages_for_anonymous_visitors_stay_cacheable(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not {"private", "no-store", "no-cache"} & cache_control(response)
    assert get_max_age(response) is None or get_max_age(response) > 0
