"""Where the apps plug into the front door: what the site search finds, what sitemap.xml lists and what
a covenant's publications page shows. The front door is platform code and imports no domain app;
each app registers its part from its `AppConfig.ready()`, and only what its own public pages show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    text: str = ""


@dataclass(frozen=True)
class SearchSection:
    """One kind of result: its hits, or (for a list too long to show) a count with a link."""

    heading: Any
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    link: str = ""
    link_text: Any = ""
    key: str = ""  # the registered kind; the page's anchor for the section

    @property
    def total(self) -> int:
        return len(self.hits) + self.count


@dataclass(frozen=True)
class Publication:
    title: str
    url: str
    published: datetime | None
    kind: str


@dataclass(frozen=True)
class PublicationGroup:
    heading: Any
    items: list[Publication]
    empty: Any
    more_link: str = ""
    more_text: Any = ""


SearchProvider = Callable[[str], SearchSection]
PublicationProvider = Callable[[Any], PublicationGroup]

_search: dict[str, tuple[int, SearchProvider]] = {}
_sitemaps: dict[str, Any] = {}
_publications: dict[str, tuple[int, PublicationProvider]] = {}


def register_search(key: str, provider: SearchProvider, *, order: int = 100) -> None:
    """`provider(query)` returns the public rows matching the words (a fixed number of queries)."""
    _search[key] = (order, provider)


def search_providers() -> list[tuple[str, SearchProvider]]:
    """(key, provider) in the registered order."""
    return [(key, entry[1]) for key, entry in sorted(_search.items(), key=lambda item: item[1][0])]


def register_sitemap(key: str, sitemap: Any) -> None:
    """A `django.contrib.sitemaps.Sitemap` class (see `portal.frontdoor.sitemaps.BilingualSitemap`)."""
    _sitemaps[key] = sitemap


def sitemaps() -> dict[str, Any]:
    return dict(_sitemaps)


def register_publications(key: str, provider: PublicationProvider, *, order: int = 100) -> None:
    """`provider(covenant)` returns that covenant's published items of one kind."""
    _publications[key] = (order, provider)


def publication_providers() -> list[PublicationProvider]:
    return [provider for _order, provider in sorted(_publications.values(), key=lambda item: item[0])]
