"""The aggregated public location list: what it shows, the count threshold, single-buyer aggregates,
filters, the country overview, and its query budget at 10 and at 1,000 locations."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from companies.models import LocationStatus, ProcessingType, ProductionLocation, SupplyLink
from covenants.models import Covenant
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import OrganisationFactory

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db


def _url(**params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("companies:locations") + (f"?{query}" if query else "")


def _row(html: str, name: str) -> str:
    """The table row of one location (its cells' text)."""
    match = re.search(r"<tr>\s*<th scope=\"row\"[^>]*>" + re.escape(name) + r".*?</tr>", html, re.S)
    assert match, f"no row for {name}"
    return match.group(0)


@pytest.fixture
def covenant() -> Covenant:
    return CovenantFactory(slug="garments", name_en="Garments")


@pytest.fixture
def brand_a():
    return OrganisationFactory(kind=Role.COMPANY, name="Brand Alpha B.V.")


@pytest.fixture
def brand_b():
    return OrganisationFactory(kind=Role.COMPANY, name="Brand Beta B.V.")


def test_the_list_is_under_the_language_and_in_the_navigation(client):
    assert reverse("companies:locations") == "/en/locations/"
    page = client.get("/en/")
    assert 'href="/en/locations/"' in page.content.decode()


def test_shared_location_shows_its_count_and_single_buyer_location_says_fewer_than_two(
    client, covenant, brand_a, brand_b
):
    shared, single = LocationFactory(name="Shared Mill"), LocationFactory(name="Single Mill")
    SupplyLinkFactory(company=brand_a, location=shared, covenant=covenant)
    SupplyLinkFactory(company=brand_b, location=shared, covenant=covenant)
    SupplyLinkFactory(company=brand_a, location=single, covenant=covenant)
    html = client.get(_url()).content.decode()
    assert re.search(r'data-label="Member companies">2<', _row(html, "Shared Mill"))
    assert 'data-label="Member companies">fewer than 2<' in _row(html, "Single Mill")


def test_threshold_is_a_setting(client, covenant, brand_a, brand_b, settings):
    settings.PORTAL_LOCATION_COUNT_THRESHOLD = 3
    shared = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(company=brand_a, location=shared, covenant=covenant)
    SupplyLinkFactory(company=brand_b, location=shared, covenant=covenant)
    html = client.get(_url()).content.decode()
    assert 'data-label="Member companies">fewer than 3<' in _row(html, "Shared Mill")


def test_only_companies_that_allowed_it_are_named(client, covenant, brand_a, brand_b):
    shared = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(company=brand_a, location=shared, covenant=covenant, show_publicly=True)
    SupplyLinkFactory(company=brand_b, location=shared, covenant=covenant)
    html = client.get(_url()).content.decode()
    assert "Brand Alpha B.V." in _row(html, "Shared Mill")
    assert "Brand Beta B.V." not in html


def test_closed_moved_and_undisclosed_locations_and_covenants_in_negotiation_are_not_listed(
    client, covenant, brand_a
):
    SupplyLinkFactory(company=brand_a, covenant=covenant, location=LocationFactory(name="Listed Mill"))
    closed = LocationFactory(name="Closed Mill", status=LocationStatus.CLOSED)
    SupplyLinkFactory(company=brand_a, covenant=covenant, location=closed)
    LocationFactory(name="Unlinked Mill")
    talks = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    SupplyLinkFactory(company=brand_a, covenant=talks, location=LocationFactory(name="Talks Mill"))
    html = client.get(_url()).content.decode()
    assert "Listed Mill" in html
    for hidden in ("Closed Mill", "Unlinked Mill", "Talks Mill"):
        assert hidden not in html


def test_covenant_setting_lists_single_buyer_locations_only_as_a_count(client, covenant, brand_a, brand_b):
    covenant.aggregate_single_buyer_locations = True
    covenant.save()
    for n in range(2):
        SupplyLinkFactory(
            company=brand_a,
            covenant=covenant,
            location=LocationFactory(name=f"Secret Mill {n}", city="Gazipur", country="BD"),
        )
    shared = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(company=brand_a, location=shared, covenant=covenant)
    SupplyLinkFactory(company=brand_b, location=shared, covenant=covenant)
    html = client.get(_url()).content.decode()
    assert "Secret Mill" not in html
    assert "Shared Mill" in html
    aggregate = re.search(r"caption-aggregate-table.*?</table>", html, re.S).group(0)
    assert "Bangladesh" in aggregate and "Gazipur" in aggregate and "Cut-make-trim" in aggregate
    assert 'data-label="Locations">2<' in aggregate


def test_without_the_setting_single_buyer_locations_are_listed_by_name(client, covenant, brand_a):
    SupplyLinkFactory(company=brand_a, covenant=covenant, location=LocationFactory(name="Secret Mill"))
    html = client.get(_url()).content.decode()
    assert "Secret Mill" in html
    assert "caption-aggregate-table" not in html


def test_filters_by_covenant_country_sector_and_type(client, covenant, brand_a):
    other = CovenantFactory(slug="metals")
    SupplyLinkFactory(company=brand_a, covenant=covenant, location=LocationFactory(name="Dhaka Mill"))
    SupplyLinkFactory(
        company=brand_a,
        covenant=other,
        location=LocationFactory(name="Izmir Dyehouse", country="TR", processing_type=ProcessingType.DYEING),
    )
    assert "Izmir" not in client.get(_url(covenant="garments")).content.decode()
    assert "Dhaka Mill" not in client.get(_url(country="TR")).content.decode()
    html = client.get(_url(processing_type="dyeing")).content.decode()
    assert "Izmir Dyehouse" in html and "Dhaka Mill" not in html


def test_search_uses_the_normalised_name(client, covenant, brand_a):
    SupplyLinkFactory(
        company=brand_a,
        covenant=covenant,
        location=LocationFactory(name="Işık Örme Tekstil San. ve Tic. A.Ş."),  # noqa: RUF001 - Turkish letters on purpose
    )
    SupplyLinkFactory(company=brand_a, covenant=covenant, location=LocationFactory(name="Dhaka Mill"))
    html = client.get(_url(q="ISIK ORME")).content.decode()
    assert "Işık Örme" in html and "Dhaka Mill" not in html  # noqa: RUF001 - Turkish letters on purpose


def test_an_unknown_filter_value_is_an_error_at_its_field(client, covenant):
    response = client.get(_url(country="XX", covenant="no-such-covenant"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select a valid choice" in html


def test_country_names_follow_the_page_language(client, covenant, brand_a):
    SupplyLinkFactory(company=brand_a, covenant=covenant, location=LocationFactory(country="TR"))
    assert (
        "Turkey" in client.get("/en/locations/").content.decode()
        or "Türkiye" in client.get("/en/locations/").content.decode()
    )
    assert "Turkije" in client.get("/nl/locations/").content.decode()


def test_country_overview_is_an_svg_chart_with_title_summary_and_table(client, covenant, brand_a):
    for country in ("BD", "BD", "BD", "IN"):
        SupplyLinkFactory(company=brand_a, covenant=covenant, location=LocationFactory(country=country))
    html = client.get(_url()).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<title" in svg and "<script" not in svg
    assert svg.count("<rect") == 2
    assert "4 locations in 2 countries" in html
    table = re.search(r"caption-country-table.*?</table>", html, re.S).group(0)
    assert re.search(r"Bangladesh</th><td>3<", table) and re.search(r"India</th><td>1<", table)


# --- query budget ---------------------------------------------------------------------------------


def _bulk(count: int, covenant: Covenant, brands: list) -> None:
    locations = ProductionLocation.objects.bulk_create(
        [
            ProductionLocation(
                name=f"Mill {n}", address=f"Road {n}", city="Gazipur", country="BD"
            ).fill_keys()
            for n in range(count)
        ]
    )
    links = []
    for n, location in enumerate(locations):
        links.append(SupplyLink(company=brands[0], location=location, covenant=covenant, show_publicly=True))
        if n % 2:
            links.append(SupplyLink(company=brands[1], location=location, covenant=covenant))
    SupplyLink.objects.bulk_create(links)


@pytest.mark.parametrize("size", [10, 1000])
def test_public_list_answers_in_a_fixed_number_of_queries(
    client, covenant, brand_a, brand_b, django_assert_max_num_queries, size
):
    _bulk(size, covenant, [brand_a, brand_b])
    # count, page ids, rows with counts, named companies, aggregates, country overview, covenant choices
    with django_assert_max_num_queries(7):
        response = client.get(_url(page="2"))
    assert response.status_code == 200
    # Page 2 of 1,000 holds 50 rows; with 10 locations there is one page, which get_page falls back to.
    assert response.content.decode().count('data-label="Member companies">') == (50 if size == 1000 else 10)


# --- confidentiality ------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["other_company_user", "ngo_user", "government_user", None])
def test_nobody_learns_a_brand_location_link_from_the_list(
    request, client_for, covenant, company_user, brand_b, viewer
):
    """A single-buyer location shows no count and no name; searching for it, or filtering by a covenant
    or a country, says nothing more; the brand's name appears nowhere."""
    brand = company_user.organisation
    SupplyLinkFactory(company=brand, covenant=covenant, location=LocationFactory(name="Only Buyer Mill"))
    shared = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(company=brand, covenant=covenant, location=shared)
    SupplyLinkFactory(company=brand_b, covenant=covenant, location=shared)
    client = client_for(request.getfixturevalue(viewer) if viewer else None)
    for url in (
        _url(),
        _url(q="Only Buyer"),
        _url(covenant="garments", country="BD"),
        _url(q=brand.name),
        _url(country="not-a-country", q=brand.name),
    ):
        html = client.get(url).content.decode()
        assert brand.name not in html.replace(f'value="{brand.name}"', "")
        if "Only Buyer Mill" in html:
            assert 'data-label="Member companies">fewer than 2<' in _row(html, "Only Buyer Mill")
    # Searching for the brand's name finds no location (names of companies are not searched).
    assert "Shared Mill" not in client.get(_url(q=brand.name)).content.decode()


def test_the_company_itself_sees_no_more_on_the_public_list_than_anyone(client_for, covenant, company_user):
    SupplyLinkFactory(
        company=company_user.organisation, covenant=covenant, location=LocationFactory(name="Own Mill")
    )
    html = client_for(company_user).get(_url()).content.decode()
    assert company_user.organisation.name not in html
    assert 'data-label="Member companies">fewer than 2<' in _row(html, "Own Mill")


def test_searching_for_a_location_listed_only_as_a_count_reveals_nothing(client, covenant, brand_a, brand_b):
    """The aggregate table and the country overview ignore the search, so a search for the name of a
    single-buyer location of such a covenant gives the same counts as any other search."""
    covenant.aggregate_single_buyer_locations = True
    covenant.save()
    SupplyLinkFactory(
        company=brand_a, covenant=covenant, location=LocationFactory(name="Secret Mine", country="PE")
    )
    shared = LocationFactory(name="Shared Mill")
    SupplyLinkFactory(company=brand_a, location=shared, covenant=covenant)
    SupplyLinkFactory(company=brand_b, location=shared, covenant=covenant)

    def counts(q: str) -> tuple[str, str]:
        html = client.get(_url(q=q)).content.decode()
        assert "Secret Mine" not in html.replace('value="Secret Mine"', "")
        aggregate = re.search(r"caption-aggregate-table.*?</table>", html, re.S).group(0)
        overview = re.search(r"caption-country-table.*?</table>", html, re.S).group(0)
        return aggregate, overview

    assert counts("Secret Mine") == counts("nothing like it") == counts("")
