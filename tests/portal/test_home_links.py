"""The home page links only to pages that exist: every link answers, none is a 404."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


ANCHOR = re.compile(r'<a\s[^>]*href="([^"#]+)"')


def _links(body: str) -> set[str]:
    """Links to pages of the portal (not mail, not other sites, not style sheets)."""
    return {href for href in ANCHOR.findall(body) if href.startswith("/")}


def _main(body: str) -> str:
    return body[body.index("<main") : body.index("</main>")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_link_on_the_home_page_leads_to_a_real_page(client, lang):
    body = client.get(f"/{lang}/").content.decode()
    links = _links(body)
    assert _links(_main(body)), "the home page should link to what already exists"
    for href in sorted(links):
        status = client.get(href).status_code
        assert status in (200, 302), f"{href} answered {status}"


def test_home_page_does_not_link_to_features_that_do_not_exist_yet(client):
    links = _links(_main(client.get("/en/").content.decode()))
    assert not [href for href in links if re.search(r"complaint|due-?diligence|ruling", href)]


@pytest.mark.parametrize(("lang", "later"), [("en", "Coming later")])
def test_home_page_says_which_features_come_later_instead_of_promising_them(client, lang, later):
    main = _main(client.get(f"/{lang}/").content.decode())
    # Filing a complaint online and reporting progress do not exist yet: no promise without a "later".
    assert "File a complaint about harm in a supply chain" not in main
    assert "Report due-diligence progress" not in main
    assert main.count(later) >= 3
