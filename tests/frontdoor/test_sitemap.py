"""sitemap.xml lists the public pages in both languages and nothing else; robots.txt points at it."""

from __future__ import annotations

import pytest
from django.test import Client

from covenants.models import Covenant
from tests.covenants.factories import CovenantFactory
from tests.news.factories import news_item

pytestmark = pytest.mark.django_db


def test_the_sitemap_has_public_pages_in_both_languages_only():
    CovenantFactory(slug="map-public")
    CovenantFactory(slug="map-secret", status=Covenant.Status.NEGOTIATION)
    news_item(slug="map-news")
    news_item(slug="map-draft", status="draft")
    news_item(slug="map-later", days=2)
    xml = Client().get("/sitemap.xml").content.decode()
    assert "/nl/covenants/map-public/" in xml and "/en/covenants/map-public/" in xml
    assert 'hreflang="en"' in xml and "/nl/news/map-news/" in xml
    for hidden in ("map-secret", "map-draft", "map-later"):
        assert hidden not in xml


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_private_pages():
    text = Client().get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /api/" in text
