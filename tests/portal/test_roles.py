from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from portal.access import role_required
from portal.accounts.roles import Role, group_name
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_every_role_has_its_group_with_the_declared_permissions():
    for role in Role:
        assert Group.objects.filter(name=group_name(role)).exists()
    secretariat = Group.objects.get(name="role:secretariat")
    codenames = set(secretariat.permissions.values_list("codename", flat=True))
    assert {"view_organisation", "change_organisation"} <= codenames
    company = Group.objects.get(name="role:company")
    assert "change_organisation" not in set(company.permissions.values_list("codename", flat=True))


def test_user_is_in_exactly_the_group_of_their_role():
    user = user_with_role(Role.TRADE_UNION)
    assert list(user.groups.values_list("name", flat=True)) == ["role:trade_union"]
    assert user.has_perm("accounts.change_organisation") is False


def test_role_required_answers_404_to_the_wrong_role_and_redirects_anonymous_users():
    @role_required(Role.SECRETARIAT)
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    request = factory.get("/nl/x/")
    request.user = user_with_role(Role.COMPANY)
    with pytest.raises(Http404):
        view(request)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert view(request).status_code == 302
    request.user = user_with_role(Role.SECRETARIAT)
    assert view(request).content == b"ok"
