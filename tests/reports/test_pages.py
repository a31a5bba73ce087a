"""The report pages: the secretariat makes a version and follows it to the download, writes the
foreword, publishes after confirming; everybody else sees the published versions only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.reports.models import AnnualReport, Foreword
from tests.covenants.factories import CovenantFactory

from .factories import report_version
from .helpers import YEAR, report_world

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_secretariat_makes_a_version_and_follows_it_to_the_download(django_capture_on_commit_callbacks):
    cast = report_world()
    client = _client(cast.secretariat)
    page = client.get(f"/en/reports/{cast.covenant.slug}/")
    assert page.status_code == 200 and "Make the report" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/reports/{cast.covenant.slug}/new/", {"year": YEAR, "language": "en"})
    report = AnnualReport.objects.get(covenant=cast.covenant)
    assert response.status_code == 302 and response["Location"] == f"/en/jobs/{report.job_id}/"
    job_page = client.get(response["Location"]).content.decode()
    assert f'href="/en/reports/download/{report.pk}/"' in job_page and "<progress" in job_page
    download = client.get(f"/en/reports/download/{report.pk}/")
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content).startswith(
        b"%PDF"
    )
    # Not yet published: nobody else sees it.
    assert _client().get(f"/en/reports/download/{report.pk}/").status_code == 404


def test_a_wrong_choice_is_shown_next_to_its_field_and_kept():
    cast = report_world()
    response = _client(cast.secretariat).post(
        f"/en/reports/{cast.covenant.slug}/new/", {"year": "1999", "language": "nl"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Select a valid choice" in html
    assert '<option value="nl" selected>' in html and not AnnualReport.objects.exists()


def test_the_foreword_is_written_in_both_languages():
    cast = report_world()
    client = _client(cast.secretariat)
    url = f"/en/reports/{cast.covenant.slug}/{YEAR}/foreword/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"text_nl": "Een goed jaar.", "text_en": "A good year."})
    assert response.status_code == 302
    foreword = Foreword.objects.get(covenant=cast.covenant, year=YEAR)
    assert (foreword.text_nl, foreword.text_en, foreword.updated_by) == (
        "Een goed jaar.",
        "A good year.",
        cast.secretariat,
    )
    assert client.get(f"/en/reports/{cast.covenant.slug}/1999/foreword/").status_code == 404


def test_publishing_asks_first_and_then_opens_the_download_to_everybody():
    cast = report_world()
    report = report_version(cast.covenant, year=YEAR)
    client = _client(cast.secretariat)
    ask = client.post(f"/en/reports/publish/{report.pk}/")
    assert ask.status_code == 200 and "Publish this annual report?" in ask.content.decode()
    report.refresh_from_db()
    assert not report.is_published
    client.post(f"/en/reports/publish/{report.pk}/", {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.is_published and report.published_by == cast.secretariat
    anonymous = _client()
    assert anonymous.get(f"/en/reports/download/{report.pk}/").status_code == 200
    listing = anonymous.get("/en/reports/").content.decode()
    assert f"/en/reports/download/{report.pk}/" in listing
    api = anonymous.get("/api/v1/reports/").json()
    assert [item["id"] for item in api["results"]] == [report.pk] and api["results"][0]["published"] is True
    assert anonymous.get(f"/api/v1/reports/?covenant={cast.covenant.slug}").json()["count"] == 1
    assert anonymous.get("/api/v1/reports/?covenant=no%00such").json()["count"] == 0
    assert anonymous.get(f"/api/v1/reports/{report.pk}/download/")["Content-Type"] == "application/pdf"


def test_others_see_published_versions_only_and_nothing_of_a_covenant_in_negotiation(settings):
    cast = report_world()
    draft = report_version(cast.covenant, year=YEAR)
    published = report_version(cast.covenant, year=YEAR, published=True)
    hidden = CovenantFactory(status="negotiation")
    secret = report_version(hidden, year=YEAR, published=True)
    for user in (None, cast.company_user):
        client = _client(user)
        page = client.get(f"/en/reports/{cast.covenant.slug}/").content.decode()
        assert f"/reports/download/{published.pk}/" in page and f"/reports/download/{draft.pk}/" not in page
        assert client.get(f"/en/reports/{hidden.slug}/").status_code == 404
        assert client.get(f"/en/reports/download/{secret.pk}/").status_code == 404
        assert client.get(f"/api/v1/reports/{draft.pk}/download/").status_code in (403, 404)


def test_the_list_costs_a_fixed_number_of_queries():
    cast = report_world()
    client = _client(cast.secretariat)
    report_version(cast.covenant, year=YEAR, published=True)
    with CaptureQueriesContext(connection) as small:
        client.get("/en/reports/")
    for _ in range(6):
        report_version(CovenantFactory(), year=YEAR, published=True)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/en/reports/").status_code == 200
    assert len(small) == len(large) <= 12
