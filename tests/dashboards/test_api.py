"""The dashboards' API: the same figures and the same rules as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from portal.accounts.roles import Role
from tests.factories import user_with_role

from .test_secretariat import YEAR, _world

pytestmark = pytest.mark.django_db


def _get(user, path: str):
    client = Client()
    client.force_login(user)
    return client.get(path)


def test_the_secretariats_figures_as_json():
    cast = _world()
    data = _get(cast.secretariat, f"/api/v1/dashboards/covenants/{cast.covenant.slug}/?year={YEAR}").json()
    assert data["members"]["active"] == 3 and data["locations"] == 3
    assert {"key": "received", "count": 1} in data["complaints_by_stage"]
    assert (
        _get(
            user_with_role(Role.GOVERNMENT), f"/api/v1/dashboards/covenants/{cast.covenant.slug}/"
        ).status_code
        == 404
    )


def test_the_governments_figures_keep_the_suppression():
    cast = _world()
    government = user_with_role(Role.GOVERNMENT)
    data = _get(government, f"/api/v1/dashboards/government/{cast.covenant.slug}/").json()
    stages = {row["key"]: row["count"] for row in data["complaints_by_stage"]}
    assert stages["received"] is None and stages["admissibility"] is None and data["countries"] == []
    assert _get(cast.company_user, f"/api/v1/dashboards/government/{cast.covenant.slug}/").status_code == 404
