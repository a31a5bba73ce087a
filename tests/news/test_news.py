"""News: draft and scheduled items are never public (pages, feeds, the covenant page); the feeds are
valid Atom; the secretariat writes items with a checked image and its alternative text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from covenants.models import NewsItem
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import user_with_role

from .factories import PNG, news_item

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items():
    covenant = CovenantFactory(slug="garments-news")
    return {
        "public": news_item(slug="public-item", covenant=covenant),
        "portal": news_item(slug="portal-item"),
        "draft": news_item(slug="draft-item", status="draft", covenant=covenant),
        "scheduled": news_item(slug="scheduled-item", days=3, covenant=covenant),
        "covenant": covenant,
    }


def test_only_published_items_whose_time_has_come_are_public(items):
    client = Client()
    listing = client.get("/en/news/").content.decode()
    assert "News public-item" in listing and "News portal-item" in listing
    assert "draft-item" not in listing and "scheduled-item" not in listing
    assert client.get("/en/news/public-item/").status_code == 200
    for slug in ("draft-item", "scheduled-item"):
        assert client.get(f"/en/news/{slug}/").status_code == 404
        assert slug not in client.get("/en/news/feed/").content.decode()
    page = client.get(f"/en/covenants/{items['covenant'].slug}/").content.decode()
    assert "News public-item" in page and "scheduled-item" not in page and "News portal-item" not in page
    # When its time comes the scheduled item appears, with no write in between.
    NewsItem.objects.filter(slug="scheduled-item").update(publish_at=timezone.now())
    assert client.get("/en/news/scheduled-item/").status_code == 200


def test_the_secretariat_previews_what_is_not_public_yet(items):
    client = Client()
    client.force_login(user_with_role(Role.SECRETARIAT))
    assert "Draft: not public" in client.get("/en/news/draft-item/").content.decode()
    manage = client.get("/en/news/manage/").content.decode()
    assert "Scheduled" in manage and "draft-item" in manage


def test_the_feeds_are_valid_atom_per_covenant_and_for_all(items):
    client = Client()
    for url, expected in (("/en/news/feed/", {"News public-item", "News portal-item"}),
                          (f"/en/news/feed/{items['covenant'].slug}/", {"News public-item"})):  # fmt: skip
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
        assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}title").text
        assert feed.find(f"{ATOM}id") is not None and feed.find(f"{ATOM}updated") is not None
        entries = feed.findall(f"{ATOM}entry")
        assert {entry.find(f"{ATOM}title").text for entry in entries} == expected
        for entry in entries:
            link = entry.find(f"{ATOM}link").get("href")
            assert link.startswith("http://testserver/en/news/")
            assert entry.find(f"{ATOM}id") is not None and entry.find(f"{ATOM}updated") is not None
    assert client.get("/en/news/feed/no-such-covenant/").status_code == 404


def test_the_list_filters_by_covenant_and_pages(items):
    for n in range(12):
        news_item(slug=f"more-{n}", covenant=items["covenant"])
    client = Client()
    first = client.get(f"/en/news/?covenant={items['covenant'].slug}").content.decode()
    assert "News portal-item" not in first and "Page 1 of 2" in first
    assert f"covenant={items['covenant'].slug}&amp;page=2" in first


def _form(**extra):
    data = {"covenant": "", "title_nl": "Nieuw convenant", "title_en": "New covenant", "summary_nl": "Kort.",
            "summary_en": "Short.", "body_nl": "Tekst.", "body_en": "Text.", "image_alt_nl": "", "image_alt_en": "",
            "status": "published", "publish_at": "2026-01-05T10:00"}  # fmt: skip
    data.update(extra)
    return data


def test_the_secretariat_writes_an_item_with_a_checked_image(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(user_with_role(Role.SECRETARIAT))
    fake = SimpleUploadedFile("photo.png", b"this is not an image", content_type="image/png")
    response = client.post(
        "/en/news/manage/new/", {**_form(image_alt_nl="Foto", image_alt_en="Photo"), "image_upload": fake}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Upload the image as PNG, JPEG or WebP." in html
    assert 'value="New covenant"' in html and not NewsItem.objects.exists()  # what was typed is kept
    image = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    response = client.post("/en/news/manage/new/", {**_form(), "image_upload": image})
    assert "Describe the image in both languages" in response.content.decode()
    image.seek(0)
    response = client.post(
        "/en/news/manage/new/", {**_form(image_alt_nl="Foto", image_alt_en="Photo"), "image_upload": image}
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302 and item.slug == "new-covenant" and item.image
    page = Client().get("/en/news/new-covenant/").content.decode()
    assert (
        'alt="Photo"' in page
        and "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in page
    )
    assert "<script" not in page.split("<main", 1)[1]  # share links are plain links


def test_the_api_gives_public_items_only(items):
    client = Client()
    body = client.get("/api/v1/news/").json()
    assert {item["slug"] for item in body["results"]} == {"public-item", "portal-item"}
    only = client.get(f"/api/v1/news/?covenant={items['covenant'].slug}").json()
    assert [item["slug"] for item in only["results"]] == ["public-item"]
    assert client.get("/api/v1/news/public-item/").json()["url"] == "http://testserver/nl/news/public-item/"
    for slug in ("draft-item", "scheduled-item"):
        assert client.get(f"/api/v1/news/{slug}/").status_code == 404
