"""The news pages' rows of the permission matrix (see tests/permission_matrix.py)."""

from __future__ import annotations

from django.core.files.base import ContentFile

from covenants.models import NewsAttachment
from tests.covenants.factories import CovenantFactory
from tests.permission_matrix import PUBLIC, SECRETARIAT_ONLY, Row, World, expect, secretariat_only

from .factories import PNG, news_item


def build(world: World) -> None:
    world.news_covenant = CovenantFactory(slug="matrix-news")
    world.news = news_item(slug="matrix-published-news", covenant=world.news_covenant,
                           image_alt_nl="Een pixel", image_alt_en="A pixel")  # fmt: skip
    world.news.image.save("pixel.png", ContentFile(PNG))
    world.news_attachment = NewsAttachment(item=world.news, name="note.txt", size=5)
    world.news_attachment.file.save("note.txt", ContentFile(b"note\n"))
    # The removal deletes its file (outside the rolled-back transaction): it gets one of its own.
    world.doomed_attachment = NewsAttachment(item=world.news, name="old.txt", size=4)
    world.doomed_attachment.file.save("old.txt", ContentFile(b"old\n"))
    world.draft_news = news_item(slug="matrix-draft-news", status="draft")


ROWS: list[Row] = [
    Row("news:list", PUBLIC),
    Row("news:feed", PUBLIC),
    Row("news:covenant-feed", PUBLIC, kwargs=lambda w: {"slug": w.news_covenant.slug}),
    Row("news:detail", PUBLIC, kwargs=lambda w: {"slug": w.news.slug}, case="published"),
    Row(
        "news:detail",
        expect(404, pending="waiting", secretariat=200),
        kwargs=lambda w: {"slug": w.draft_news.slug},
        case="draft",
    ),
    Row("news:image", PUBLIC, kwargs=lambda w: {"slug": w.news.slug}),
    Row("news:attachment", PUBLIC, kwargs=lambda w: {"slug": w.news.slug, "pk": w.news_attachment.pk}),
    Row("news:manage", SECRETARIAT_ONLY),
    Row("news:create", SECRETARIAT_ONLY),
    Row("news:edit", SECRETARIAT_ONLY, kwargs=lambda w: {"slug": w.news.slug}),
    Row(
        "news:attachment-remove",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"slug": w.news.slug, "pk": w.doomed_attachment.pk},
    ),
]

ROWS += [
    Row("api:news-list", expect(200, pending=403)),
    Row(
        "api:news-detail", expect(200, pending=403), kwargs=lambda w: {"slug": w.news.slug}, case="published"
    ),
    Row(
        "api:news-detail",
        expect(404, pending=403),
        kwargs=lambda w: {"slug": w.draft_news.slug},
        case="draft",
    ),
]
