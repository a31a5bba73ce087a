"""Site search: Dutch and English content found with either language's words, and never anything
that is not public (drafts, scheduled news, covenants in negotiation)."""

from __future__ import annotations

import pytest
from django.test import Client

from covenants.models import Covenant
from tests.covenants.factories import CovenantFactory
from tests.news.factories import news_item
from tests.reports.factories import report_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    covenant = CovenantFactory(slug="search-garments", name_nl="Kledingconvenant", name_en="Garments covenant",
                               description_nl="Eerlijke lonen in de kledingketen.", description_en="Fair wages in the garment chain.")  # fmt: skip
    CovenantFactory(slug="search-secret", status=Covenant.Status.NEGOTIATION, name_nl="Geheim convenant",
                    name_en="Secret covenant", description_nl="Onderhandelingen over lonen.", description_en="Talks about wages.")  # fmt: skip
    news_item(slug="wages-news", covenant=covenant, title_nl="Leefbaar loon in Bangladesh",
              title_en="Living wage in Bangladesh")  # fmt: skip
    news_item(slug="draft-wages", status="draft", title_nl="Concept over lonen", title_en="Draft about wages")
    news_item(slug="later-wages", days=5, title_nl="Later over lonen", title_en="Later about wages")
    report_version(covenant, year=2025, published=True)
    report_version(covenant, year=2024)  # not published
    return covenant


def _search(words: str, language: str = "en") -> str:
    return Client().get(f"/{language}/search/", {"q": words}).content.decode()


def test_dutch_and_english_words_find_content_in_both_languages(content):
    english = _search("wages")
    assert "Garments covenant" in english and "/en/news/wages-news/" in english
    dutch = _search("lonen", "nl")  # the Dutch stem of "loon" and "lonen"
    assert "Kledingconvenant" in dutch and "/nl/news/wages-news/" in dutch
    assert "/en/news/wages-news/" in _search("loon")  # Dutch words on the English page


def test_nothing_that_is_not_public_is_ever_found(content):
    for words in ("wages", "lonen", "secret", "geheim", "draft", "later"):
        html = _search(words)
        assert "Secret covenant" not in html and "draft-wages" not in html and "later-wages" not in html


def test_published_reports_are_found_by_their_covenant_and_year(content):
    html = _search("garments")
    assert html.count("/en/reports/download/") == 1
    assert _search("2025").count("/en/reports/download/") == 1
    assert "/en/reports/download/" not in _search("2024")


def test_an_empty_or_odd_query_is_harmless(content):
    assert Client().get("/en/search/").status_code == 200
    for words in ("", "   ", "a" * 500, "x\x00y", "'\"<script>", "OR AND -", "!!!"):
        response = Client().get("/en/search/", {"q": words})
        assert (
            response.status_code == 200 and "<script>" not in response.content.decode().split("<main", 1)[1]
        )
