"""A company's own locations download and its supplier chain page: only its own links, every format,
formula injection neutralised, gaps in the chain named, and a query budget that does not grow."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse

from companies.imports.columns import OSH_COLUMNS
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import user_with_role

from .factories import LocationFactory, SupplyLinkFactory
from .test_exports import FORMULA, rows_of

pytestmark = pytest.mark.django_db

ALL = ("csv", "xlsx", "osh")
#: Turkish letters (dotless i, s with cedilla) written as escapes, so no reader mistakes them for i and s.
TURKISH_NAME = "I\u015f\u0131k \u00d6rme A.\u015e."
TURKISH_GROUP = "I\u015f\u0131k Group"


@pytest.fixture
def company() -> Any:
    return user_with_role(Role.COMPANY)


@pytest.fixture
def other() -> Any:
    return user_with_role(Role.COMPANY)


def download(client: Any, user: Any, fmt: str) -> list[list[str]]:
    client.force_login(user)
    return rows_of(client.get(reverse("companies:my-locations-export", kwargs={"fmt": fmt})), fmt)


@pytest.mark.parametrize("fmt", ("csv", "xlsx"))
def test_company_downloads_its_links_with_tier_categories_and_years(client, company, other, fmt):
    covenant = CovenantFactory(name_en="Garments")
    mill = LocationFactory(name="Rahman Knit")
    SupplyLinkFactory(
        company=company.organisation,
        location=mill,
        covenant=covenant,
        tier=2,
        product_categories=["apparel", "fabrics"],
        first_year=2019,
        last_year=2023,
    )
    SupplyLinkFactory(company=other.organisation, location=LocationFactory(name="Other Brand Mill"))
    SupplyLinkFactory(company=other.organisation, location=mill, covenant=covenant, show_publicly=True)
    rows = download(client, company, fmt)
    header = rows[0]
    assert [row[1] for row in rows[1:]] == ["Rahman Knit"]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Tier"] == "2"
    assert row["Product categories"] == "apparel; fabrics"
    assert (row["First year"], row["Last year"]) == ("2019", "2023")
    assert row["Covenant"] == "Garments"
    assert row["Show publicly"] == "no"
    assert other.organisation.name not in str(rows)


def test_company_download_in_open_supply_hub_format(client, company):
    SupplyLinkFactory(
        company=company.organisation, location=LocationFactory(name="Anatolia Denim", country="TR"),
        product_categories=["apparel"],
    )  # fmt: skip
    rows = download(client, company, "osh")
    assert tuple(rows[0]) == OSH_COLUMNS
    assert rows[1][:2] == ["TR", "Anatolia Denim"]
    assert rows[1][OSH_COLUMNS.index("product_type")] == "apparel"


def test_company_download_headers_in_dutch(client, company):
    SupplyLinkFactory(company=company.organisation)
    client.force_login(company)
    response = client.get("/nl/locations/mine/download/csv/")
    header = rows_of(response, "csv")[0]
    assert header[1] == "Naam" and "Schakel" in header and "Eerste jaar" in header


@pytest.mark.parametrize("fmt", ALL)
def test_formula_in_the_company_download_comes_out_as_text(client, company, fmt):
    SupplyLinkFactory(company=company.organisation, location=LocationFactory(name=FORMULA))
    assert download(client, company, fmt)[1][1] == "'" + FORMULA


@pytest.mark.parametrize("fmt", ALL)
def test_another_company_gets_none_of_the_links(client, company, other, fmt):
    SupplyLinkFactory(company=company.organisation, location=LocationFactory(name="Secret Mill"))
    rows = download(client, other, fmt)
    assert rows[1:] == []


@pytest.mark.parametrize("role", (Role.NGO, Role.GOVERNMENT, Role.SECRETARIAT))
def test_other_roles_get_not_found(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("companies:my-locations-export", kwargs={"fmt": "csv"})).status_code == 404
    assert client.get(reverse("companies:supply-chain")).status_code == 404


def test_unknown_format_is_not_found(client, company):
    client.force_login(company)
    assert client.get(reverse("companies:my-locations-export", kwargs={"fmt": "1"})).status_code == 404


# --- the supply chain page ------------------------------------------------------------------------------


def section(html: str, heading: str) -> str:
    match = re.search(r"<section[^>]*>\s*<h2[^>]*>" + re.escape(heading) + r"</h2>.*?</section>", html, re.S)
    assert match, f"no section {heading}"
    return match.group(0)


def tier_block(section_html: str, label: str) -> str:
    match = re.search(
        r"<h3>" + re.escape(label) + r"</h3>(.*?)</li>\s*(?:<li>\s*<h3>|</ol>)", section_html, re.S
    )
    assert match, f"no tier {label}"
    return match.group(1)


def test_chain_per_category_with_tiers_and_gaps(client, company, other):
    org = company.organisation
    SupplyLinkFactory(
        company=org, tier=1, product_categories=["apparel"], location=LocationFactory(name="CMT One")
    )
    SupplyLinkFactory(
        company=org, tier=2, product_categories=["apparel"], location=LocationFactory(name="Dye Two")
    )
    SupplyLinkFactory(
        company=org, tier=1, product_categories=["footwear"], location=LocationFactory(name="Shoe One")
    )
    SupplyLinkFactory(company=other.organisation, tier=3, product_categories=["apparel"],
                      location=LocationFactory(name="Others Spinner"))  # fmt: skip
    client.force_login(company)
    html = client.get(reverse("companies:supply-chain")).content.decode()
    apparel, footwear = section(html, "Apparel"), section(html, "Footwear")
    assert "CMT One" in tier_block(apparel, "Tier 1")
    assert "Dye Two" in tier_block(apparel, "Tier 2")
    assert "Tier 3 unknown" in tier_block(apparel, "Tier 3 or further")
    assert "Tier 2 unknown" not in apparel
    assert "Shoe One" in tier_block(footwear, "Tier 1")
    assert "Tier 2 unknown" in tier_block(footwear, "Tier 2")
    assert "Others Spinner" not in html
    assert "Home textiles" not in html


def test_chain_groups_links_without_a_category_and_says_when_there_is_nothing(client, company, other):
    SupplyLinkFactory(company=company.organisation, tier=2, product_categories=[],
                      location=LocationFactory(name="Loose Mill"))  # fmt: skip
    client.force_login(company)
    html = client.get(reverse("companies:supply-chain")).content.decode()
    loose = section(html, "No product category given")
    assert "Loose Mill" in tier_block(loose, "Tier 2")
    assert "Tier 1 unknown" in tier_block(loose, "Tier 1")
    client.force_login(other)
    html = client.get(reverse("companies:supply-chain")).content.decode()
    assert "You have not disclosed any production locations yet." in html
    assert "Loose Mill" not in html


@pytest.mark.parametrize("size", (2, 40))
def test_chain_query_budget_does_not_grow(client, company, size, django_assert_max_num_queries):
    for number in range(size):
        SupplyLinkFactory(company=company.organisation, tier=1 + number % 3,
                          product_categories=["apparel", "footwear"])  # fmt: skip
    client.force_login(company)
    with django_assert_max_num_queries(CHAIN_QUERIES):
        response = client.get(reverse("companies:supply-chain"))
    assert response.content.decode().count('<span class="hint">IMVO-') == 2 * size


#: The session, the user with the organisation, the navigation's needs and the links in one query.
CHAIN_QUERIES = 5


def test_the_company_page_links_to_its_downloads_and_chain(client, company):
    client.force_login(company)
    html = client.get(reverse("companies:uploads")).content.decode()
    for fmt in ALL:
        assert f'href="/en/locations/mine/download/{fmt}/"' in html
    assert 'href="/en/locations/mine/chain/"' in html


@pytest.mark.parametrize(("code", "fmt"), [("en", "csv"), ("nl", "csv"), ("en", "xlsx"), ("nl", "osh")])
def test_the_company_download_can_be_uploaded_again_as_it_is(client, company, code, fmt):
    from companies.imports.rows import LocationRow, parse_locations

    SupplyLinkFactory(
        company=company.organisation,
        location=LocationFactory(name=TURKISH_NAME, country="TR", city="İzmir", parent_company=TURKISH_GROUP),
        tier=3,
        product_categories=["apparel", "fabrics"],
        first_year=2018,
        last_year=2022,
        show_publicly=True,
    )
    client.force_login(company)
    response = client.get(f"/{code}/locations/mine/download/{fmt}/")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    _table, _columns, parsed = parse_locations(io.BytesIO(data))
    rows = list(parsed)
    assert len(rows) == 1 and isinstance(rows[0], LocationRow), rows
    row = rows[0]
    assert (row.name, row.country, row.worker_band, row.parent_company) == (
        TURKISH_NAME, "TR", "501-1000", TURKISH_GROUP
    )  # fmt: skip
    # The portal's own labels read back in either language.
    assert row.processing_type == "cut_make_trim"
    if fmt != "osh":
        assert (row.tier, row.first_year, row.last_year, row.show_publicly) == (3, 2018, 2022, True)
        assert set(row.product_categories) == {"apparel", "fabrics"}
