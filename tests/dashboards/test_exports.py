"""Every dashboard table downloads as CSV and XLSX, with the page's permission and suppression rules
and formula injection neutralised."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from portal.accounts.roles import Role
from portal.dashboards.exports import GOVERNMENT_TABLES, SECRETARIAT_TABLES
from tests.factories import user_with_role

from .test_secretariat import YEAR, _world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _get(user, path: str):
    client = Client()
    client.force_login(user)
    return client.get(path)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_each_secretariat_table_downloads_as_csv_and_xlsx():
    cast = _world()
    for table in SECRETARIAT_TABLES:
        csv = _get(cast.secretariat, f"/en/dashboards/covenants/{cast.covenant.slug}/{table}.csv?year={YEAR}")
        assert csv.status_code == 200 and csv["Content-Disposition"].startswith("attachment")
        xlsx = _get(
            cast.secretariat, f"/en/dashboards/covenants/{cast.covenant.slug}/{table}.xlsx?year={YEAR}"
        )
        sheet = load_workbook(io.BytesIO(_body(xlsx))).active
        assert sheet.max_row >= 2
    text = _body(
        _get(cast.secretariat, f"/en/dashboards/covenants/{cast.covenant.slug}/countries.csv")
    ).decode("utf-8-sig")
    assert "Bangladesh,2" in text


def test_the_government_download_keeps_the_suppression_and_others_get_404():
    cast = _world()
    government = user_with_role(Role.GOVERNMENT)
    for table in GOVERNMENT_TABLES:
        assert (
            _get(government, f"/en/dashboards/government/{cast.covenant.slug}/{table}.csv").status_code == 200
        )
    text = _body(_get(government, f"/en/dashboards/government/{cast.covenant.slug}/complaints.csv")).decode(
        "utf-8-sig"
    )
    assert "not shown" in text and cast.complaint.reference not in text
    assert _get(government, f"/en/dashboards/covenants/{cast.covenant.slug}/members.csv").status_code == 404
    assert (
        _get(cast.company_user, f"/en/dashboards/government/{cast.covenant.slug}/complaints.csv").status_code
        == 404
    )
    assert _get(government, f"/en/dashboards/government/{cast.covenant.slug}/nothing.csv").status_code == 404


def test_a_name_that_looks_like_a_formula_is_written_as_text():
    from companies.exports import csv_chunks

    line = b"".join(csv_chunks([['=HYPERLINK("http://x")', 1]])).decode("utf-8-sig")
    assert not line.startswith("=")
