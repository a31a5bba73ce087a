"""A covenant's publications together: published reports, rulings, frameworks and news only."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.covenants.factories import CovenantFactory
from tests.news.factories import news_item
from tests.reports.factories import report_version

pytestmark = pytest.mark.django_db


def test_only_what_is_published_is_listed(settings, tmp_path):
    from duediligence import services
    from duediligence.frameworks.default import DEFAULT_FRAMEWORK
    from portal.accounts.roles import Role
    from tests.factories import user_with_role

    settings.MEDIA_ROOT = tmp_path
    covenant = CovenantFactory(slug="pub-covenant")
    secretariat = user_with_role(Role.SECRETARIAT)
    draft = services.framework_create_from_data(
        actor=secretariat, covenant=covenant, data=dict(DEFAULT_FRAMEWORK)
    )
    published = services.framework_publish(actor=secretariat, framework_id=draft.pk)
    services.framework_create_from_data(
        actor=secretariat, covenant=covenant, data=dict(DEFAULT_FRAMEWORK)
    )  # a draft
    shown = report_version(covenant, year=2025, published=True)
    hidden = report_version(covenant, year=2025)
    news_item(slug="pub-news", covenant=covenant)
    news_item(slug="pub-draft", covenant=covenant, status="draft")
    html = Client().get("/en/publications/pub-covenant/").content.decode()
    assert f"/en/reports/download/{shown.pk}/" in html and f"/en/reports/download/{hidden.pk}/" not in html
    assert f"/en/publications/pub-covenant/framework/{published.version}/" in html
    assert html.count("/framework/") == 1 and "pub-news" in html and "pub-draft" not in html
    framework = Client().get(f"/en/publications/pub-covenant/framework/{published.version}/")
    assert framework.status_code == 200 and "<ol>" in framework.content.decode()
    assert (
        Client().get(f"/en/publications/pub-covenant/framework/{published.version + 1}/").status_code == 404
    )


def test_the_api_lists_the_same_publications(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    covenant = CovenantFactory(slug="pub-api")
    report = report_version(covenant, year=2025, published=True)
    report_version(covenant, year=2025)
    news_item(slug="pub-api-news", covenant=covenant)
    body = Client().get("/api/v1/publications/pub-api/").json()
    assert [item["kind"] for item in body] == ["annual_report", "news"] or [
        item["kind"] for item in body
    ] == ["news", "annual_report"]
    assert any(item["url"].endswith(f"/reports/download/{report.pk}/") for item in body)
    assert Client().get("/api/v1/publications/no-such/").status_code == 404
