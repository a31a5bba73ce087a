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


def test_home_page_answers_the_newcomers_four_questions(client):
    main = _main(client.get("/en/").content.decode())
    for question in ("Do you want to join a covenant as a company?", "Do you need help negotiating a covenant?",
                     "Do you want to apply human-rights due diligence in your own business?",
                     "Do you want to file a complaint against a company?"):  # fmt: skip
        assert question in main, question
    links = _links(main)
    assert {"/en/covenants/", "/en/contact/", "/en/due-diligence/quick-scan/", "/en/complaints/file/"} <= set(
        links
    )
