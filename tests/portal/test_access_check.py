"""Deny by default: the API's default permission denies everyone, and every view of the site is
either marked public or states who may use it (checked by walking the URL patterns)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.generic import TemplateView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from portal.access import PublicViewMixin, RoleRequiredMixin, public, role_required, signed_in_required
from portal.access_check import access_rule, error_handlers, unmarked_views, url_patterns
from portal.accounts.roles import Role
from portal.api.permissions import PublicAccess


class ForgetfulApi(APIView):
    """A new endpoint whose author forgot permission_classes."""

    def get(self, request: Any) -> Response:
        return Response({"secret": "data"})


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, Role.SECRETARIAT, Role.COMPANY])
def test_api_view_without_permission_classes_is_denied(make_user, role):
    request = APIRequestFactory().get("/api/v1/forgetful/")
    if role is not None:
        force_authenticate(request, user=make_user(role))
    response = ForgetfulApi.as_view()(request)
    assert response.status_code in (401, 403)
    assert "secret" not in response.rendered_content.decode()


def test_the_site_has_no_view_without_an_access_rule():
    problems = unmarked_views()
    assert not problems, "Views that do not state who may use them:\n" + "\n".join(problems)


def test_the_project_error_pages_are_marked_public():
    handlers = error_handlers()
    for code in (403, 404, 500):
        assert handlers[code].__module__.startswith("portal."), code
        assert access_rule(handlers[code]) == "public", code


def test_public_pages_say_so_and_private_pages_state_roles():
    rules = {route.name: access_rule(route.callback) for route in url_patterns()}
    assert rules["core:home"] == "public"
    assert rules["covenants:detail"] == "public"
    assert rules["health"] == "public"
    assert rules["api:covenants-list"] == "public"
    assert rules["api-schema"] == "public"
    assert rules["accounts:pending"] == "signed-in"
    assert rules["covenants:cycle-close"] == "roles: secretariat"
    assert rules["api:memberships-decide"].startswith("api: HasRole_secretariat")


# --- the check itself fails for what it must catch -------------------------------------------------


def _unmarked(request: HttpRequest) -> HttpResponse:
    return HttpResponse("open")


@public
def _marked(request: HttpRequest) -> HttpResponse:
    return HttpResponse("open")


@role_required(Role.SECRETARIAT)
def _secretariat(request: HttpRequest) -> HttpResponse:
    return HttpResponse("secretariat")


@signed_in_required
def _signed_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse("you")


class _OpenApi(APIView):
    permission_classes = [AllowAny]


@public
class _PublicApi(APIView):
    permission_classes = [PublicAccess]


class _SignedInApi(APIView):
    permission_classes = [IsAuthenticated]


class _PublicPage(PublicViewMixin, TemplateView):
    template_name = "core/home.html"


class _CommitteePage(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.COMMITTEE,)


class _ForgetfulPage(TemplateView):
    template_name = "core/home.html"


_VIEWS = (_unmarked, _marked, _secretariat, _signed_in, _OpenApi, _PublicApi, _SignedInApi)
for _view in (*_VIEWS, _PublicPage, _CommitteePage, _ForgetfulPage):
    _view.__module__ = "covenants.views.example"  # as if written in a domain app

urlpatterns = [
    path("unmarked/", _unmarked, name="unmarked"),
    path("marked/", _marked, name="marked"),
    path("secretariat/", _secretariat, name="secretariat"),
    path("signed-in/", _signed_in, name="signed-in"),
    path("open-api/", _OpenApi.as_view(), name="open-api"),
    path("public-api/", _PublicApi.as_view(), name="public-api"),
    path("default-api/", ForgetfulApi.as_view(), name="default-api"),
    path("signed-in-api/", _SignedInApi.as_view(), name="signed-in-api"),
    path("public-page/", _PublicPage.as_view(), name="public-page"),
    path("committee-page/", _CommitteePage.as_view(), name="committee-page"),
    path("forgetful-page/", _ForgetfulPage.as_view(), name="forgetful-page"),
]
ForgetfulApi.__module__ = "covenants.api.example"


def test_the_check_reports_unmarked_views_and_unmarked_allow_any():
    problems = unmarked_views(__name__)
    flagged = {line.split(" ", 1)[0] for line in problems}
    assert flagged == {"unmarked", "open-api", "default-api", "forgetful-page"}
    assert all("mark it @public" in line for line in problems)
