"""Downloads of the public location list (CSV, XLSX, Open Supply Hub): the threshold, confidentiality,
filters, formula injection, headers in both languages and a query budget that does not grow."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from companies.imports.columns import OSH_COLUMNS
from covenants.models import Covenant
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import OrganisationFactory

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x")'


def body(response: Any) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def rows_of(response: Any, fmt: str) -> list[list[str]]:
    """The cells of a download as text, whatever its format."""
    assert response.status_code == 200
    data = body(response)
    if fmt == "xlsx":
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        return [
            ["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)
        ]
    assert data.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def export(client: Any, fmt: str, language: str = "en", **params: str) -> list[list[str]]:
    with translation.override(language):
        url = reverse("companies:locations-export", kwargs={"fmt": fmt})
    return rows_of(client.get(url, params), fmt)


def row_named(rows: list[list[str]], name: str, column: int) -> list[str]:
    found = [row for row in rows[1:] if row[column] == name]
    assert len(found) == 1, f"{name} not exactly once in {rows}"
    return found[0]


ALL = ("csv", "xlsx", "osh")


@pytest.fixture
def covenant() -> Covenant:
    return CovenantFactory(slug="garments", name_en="Garments")


@pytest.fixture
def brands() -> tuple[Any, Any]:
    return (
        OrganisationFactory(kind=Role.COMPANY, name="Brand Alpha B.V."),
        OrganisationFactory(kind=Role.COMPANY, name="Brand Beta B.V."),
    )


@pytest.fixture
def listed(covenant: Covenant, brands: tuple[Any, Any]) -> None:
    alpha, beta = brands
    shared, single = LocationFactory(name="Shared Mill"), LocationFactory(name="Single Mill")
    SupplyLinkFactory(company=alpha, location=shared, covenant=covenant, show_publicly=True)
    SupplyLinkFactory(company=beta, location=shared, covenant=covenant)
    SupplyLinkFactory(company=beta, location=single, covenant=covenant)


@pytest.mark.parametrize("fmt", ("csv", "xlsx"))
def test_count_shown_from_the_threshold_and_only_companies_that_allowed_it_are_named(client, listed, fmt):
    rows = export(client, fmt)
    header = rows[0]
    count, named = header.index("Member companies"), header.index("Named companies")
    shared, single = row_named(rows, "Shared Mill", 1), row_named(rows, "Single Mill", 1)
    assert shared[count] == "2"
    assert shared[named] == "Brand Alpha B.V."
    assert single[count] == "fewer than 2"
    assert single[named] == ""
    text = "\n".join(",".join(row) for row in rows)
    assert "Brand Beta" not in text


def test_open_supply_hub_format_has_its_columns_and_no_count_or_company(client, listed):
    rows = export(client, "osh")
    assert tuple(rows[0]) == OSH_COLUMNS
    single = row_named(rows, "Single Mill", 1)
    assert single[0] == "BD"
    text = "\n".join(",".join(row) for row in rows)
    assert "Brand" not in text
    assert "fewer" not in text


@pytest.mark.parametrize("fmt", ALL)
def test_single_buyer_location_of_an_aggregating_covenant_is_not_in_any_export(client, brands, fmt):
    small = CovenantFactory(slug="small", aggregate_single_buyer_locations=True)
    SupplyLinkFactory(company=brands[0], location=LocationFactory(name="Lonely Tannery"), covenant=small)
    shared = LocationFactory(name="Busy Tannery")
    for brand in brands:
        SupplyLinkFactory(company=brand, location=shared, covenant=small)
    names = [row[1] for row in export(client, fmt)[1:]]
    assert names == ["Busy Tannery"]


@pytest.mark.parametrize("fmt", ALL)
def test_formula_in_a_name_comes_out_as_text(client, covenant, brands, fmt):
    SupplyLinkFactory(
        company=brands[0], covenant=covenant, location=LocationFactory(name=FORMULA, parent_company="@SUM(1)")
    )
    rows = export(client, fmt)
    assert rows[1][1] == "'" + FORMULA
    assert "'@SUM(1)" in rows[1]
    if fmt == "xlsx":
        with translation.override("en"):
            url = reverse("companies:locations-export", kwargs={"fmt": fmt})
        sheet = load_workbook(io.BytesIO(body(client.get(url)))).worksheets[0]
        assert sheet["B2"].data_type == "s"


@pytest.mark.parametrize("fmt", ("csv", "xlsx"))
def test_headers_and_labels_follow_the_language(client, listed, fmt):
    english, dutch = export(client, fmt, "en")[0], export(client, fmt, "nl")[0]
    assert english[1:4] == ["Name", "Address", "City"]
    assert dutch[1:4] == ["Naam", "Adres", "Plaats"]
    assert "Country" in english and "Land" in dutch


def test_the_page_filters_apply_to_the_download(client, covenant, brands):
    SupplyLinkFactory(company=brands[0], covenant=covenant, location=LocationFactory(name="Dhaka Knit"))
    SupplyLinkFactory(
        company=brands[0], covenant=covenant, location=LocationFactory(name="Izmir Denim", country="TR")
    )
    assert [row[1] for row in export(client, "csv", country="TR")[1:]] == ["Izmir Denim"]
    assert [row[1] for row in export(client, "csv", q="knit")[1:]] == ["Dhaka Knit"]


def test_unknown_format_is_not_found(client):
    response = client.get(reverse("companies:locations-export", kwargs={"fmt": "pdf"}))
    assert response.status_code == 404


def test_the_list_page_links_to_the_downloads_with_its_filters(client, listed):
    html = client.get(reverse("companies:locations"), {"country": "BD"}).content.decode()
    for fmt in ALL:
        assert f'href="/en/locations/download/{fmt}/?country=BD"' in html


@pytest.mark.parametrize("size", (3, 60))
def test_query_budget_does_not_grow_with_the_list(
    client, covenant, brands, size, django_assert_max_num_queries
):
    for number in range(size):
        SupplyLinkFactory(
            company=brands[0], covenant=covenant, location=LocationFactory(name=f"Mill {number}")
        )
    with django_assert_max_num_queries(4):
        rows = export(client, "csv")
    assert len(rows) == size + 1


def test_large_lists_are_read_in_chunks_in_list_order(client, covenant, brands, monkeypatch):
    from companies import exports

    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    shared = LocationFactory(name="Mill 3")
    for number in (5, 1, 4, 2):
        SupplyLinkFactory(
            company=brands[0], covenant=covenant, location=LocationFactory(name=f"Mill {number}")
        )
    for brand in brands:
        SupplyLinkFactory(company=brand, covenant=covenant, location=shared)
    rows = export(client, "csv")
    assert [row[1] for row in rows[1:]] == [f"Mill {number}" for number in range(1, 6)]
    assert row_named(rows, "Mill 3", 1)[rows[0].index("Member companies")] == "2"


def test_an_invalid_filter_leads_back_to_the_page_with_the_error_next_to_the_field(client, listed):
    url = reverse("companies:locations-export", kwargs={"fmt": "csv"})
    response = client.get(url, {"country": "XX"}, follow=True)
    assert response.redirect_chain == [("/en/locations/?country=XX", 302)]
    html = response.content.decode()
    assert "error-summary" in html
    assert 'aria-invalid="true"' in html


def test_xlsx_lists_single_buyer_locations_of_an_aggregating_covenant_only_as_a_count(client, brands):
    small = CovenantFactory(slug="small", aggregate_single_buyer_locations=True)
    for name in ("Lonely Tannery", "Quiet Tannery"):
        SupplyLinkFactory(
            company=brands[0], location=LocationFactory(name=name, city="Kanpur"), covenant=small
        )
    with translation.override("en"):
        url = reverse("companies:locations-export", kwargs={"fmt": "xlsx"})
    book = load_workbook(io.BytesIO(body(client.get(url))), read_only=True)
    counted = [list(row) for row in book["Listed as a count"].iter_rows(values_only=True)]
    assert counted == [
        ["Country", "City", "Processing type", "Locations"],
        ["Bangladesh", "Kanpur", "Cut-make-trim", 2],
    ]
    assert "Tannery" not in str([list(row) for row in book.worksheets[0].iter_rows(values_only=True)])
