"""The supply chains' part of the front door (portal.frontdoor.registry): the aggregated location list
in the site search (as a count with a link to the list filtered by the words) and the sitemap."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from portal.frontdoor.registry import SearchSection, register_search, register_sitemap
from portal.frontdoor.sitemaps import pages_sitemap

from .selectors import PublicFilter, public_location_list


def _locations(query: str) -> SearchSection:
    from django.utils.translation import gettext as _

    count = public_location_list(PublicFilter(search=query)).count()
    text = ngettext(
        "%(count)s production location whose name matches",
        "%(count)s production locations whose names match",
        count,
    ) % {"count": count}
    link = f"{reverse('companies:locations')}?{urlencode({'q': query})}"
    return SearchSection(_("Production locations"), count=count, link=link if count else "", link_text=text)


def connect() -> None:
    register_search("locations", _locations, order=50)
    register_sitemap("location-pages", pages_sitemap(["companies:locations"]))
