"""News items for the tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from covenants.models import NewsItem
from portal.accounts.roles import Role
from tests.factories import user_with_role

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def news_item(
    *, slug: str, status: str = "published", days: int = -1, covenant: Any = None, **extra: Any
) -> NewsItem:
    """An item published `days` from now (negative: in the past)."""
    author = extra.pop("created_by", None) or user_with_role(Role.SECRETARIAT)
    fields = {"title_nl": f"Nieuws {slug}", "title_en": f"News {slug}", "summary_nl": "Samenvatting.",
              "summary_en": "Summary.", "body_nl": "Tekst.", "body_en": "Text.", **extra}  # fmt: skip
    return NewsItem.objects.create(
        slug=slug,
        covenant=covenant,
        status=status,
        publish_at=timezone.now() + timedelta(days=days),
        created_by=author,
        **fields,
    )
