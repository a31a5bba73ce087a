"""The public quick scan: worked examples with known answers, validation next to the fields, the
first actions per OECD step, the covenant to join, and a fixed query budget."""

from __future__ import annotations

from typing import Any

import pytest

from covenants.models import Covenant
from duediligence.quickscan.data import dataset_file
from duediligence.quickscan.selectors import quick_scan
from tests.covenants.factories import CovenantFactory

from .quickscan_fixtures import dataset, garments, scan_url

pytestmark = pytest.mark.django_db
__all__ = ["dataset", "garments"]


def _codes(result: Any) -> list[str]:
    return [finding.theme.code for finding in result.themes]


def test_garments_from_bangladesh_gives_living_wage_freedom_of_association_and_health_and_safety(
    dataset: None,
) -> None:
    result = quick_scan(sector="garments_textile", countries=["BD"])
    codes = _codes(result)
    assert {"living-wage", "freedom-of-association", "health-safety"} <= set(codes)
    # The three are high in both the sector and the country: they come first.
    assert set(codes[:3]) == {"living-wage", "freedom-of-association", "health-safety"}
    living_wage = result.themes[codes.index("living-wage")]
    assert living_wage.level == "high"
    assert living_wage.countries == ["BD"]
    reasons = {(i.dimension, i.source.code) for i in living_wage.indications}
    assert reasons == {("sector", "oecd-garment"), ("country", "ilo-wage")}
    assert "land-rights" not in codes and "animal-welfare" not in codes


def test_a_product_category_adds_its_own_themes_with_their_source(dataset: None) -> None:
    without = quick_scan(sector="floriculture", countries=["KE"])
    with_cocoa = quick_scan(sector="floriculture", countries=["KE"], products=["cocoa"])
    assert "child-labour" not in _codes(without)
    child = next(f for f in with_cocoa.themes if f.theme.code == "child-labour")
    assert [(i.dimension, i.product, i.source.code) for i in child.indications] == [
        ("product", "cocoa", "ilo-unicef-child")
    ]
    # A theme from the sector or a product applies wherever the company sources.
    assert with_cocoa.countries_for(child) == ["KE"]


def test_gold_from_the_dr_congo_gives_child_labour_and_corruption_as_high(dataset: None) -> None:
    result = quick_scan(sector="gold", countries=["CD"])
    levels = {f.theme.code: f.level for f in result.themes}
    assert levels["child-labour"] == "high" and levels["corruption"] == "high"


def test_first_actions_cover_the_six_oecd_steps_and_the_themes_found_only(dataset: None) -> None:
    result = quick_scan(sector="garments_textile", countries=["BD"])
    assert [step.step for step in result.steps] == [1, 2, 3, 4, 5, 6]
    assert all(step.actions for step in result.steps)
    found = set(_codes(result))
    themed = {a.theme.code for step in result.steps for a in step.actions if a.theme}
    assert "living-wage" in themed and themed <= found
    land = quick_scan(sector="banking", countries=["BR"])
    assert any(a.theme and a.theme.code == "land-rights" for a in land.steps[1].actions)


def test_the_page_shows_themes_why_and_source_steps_and_the_covenant_to_join(
    client: Any, dataset: None, garments: Covenant
) -> None:
    response = client.get(scan_url(sector="garments_textile", countries=["BD", "IN"], products=["cotton"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Living wage" in html and "Freedom of association" in html and "Health and safety" in html
    assert "OECD Due Diligence Guidance for Responsible Supply Chains in the Garment" in html
    assert "ITUC Global Rights Index" in html
    assert "Identify and assess adverse impacts" in html
    assert 'href="/en/covenants/garments-textile/"' in html
    assert 'href="/en/covenants/memberships/apply/?covenant=garments-textile"' in html
    # A visitor is asked to sign in to save; there is no save form.
    assert "/due-diligence/quick-scan/save/" not in html


def test_an_ended_or_unrelated_covenant_is_not_offered(client: Any, dataset: None) -> None:
    CovenantFactory(slug="gold-old", sector="gold", status=Covenant.Status.ENDED)
    CovenantFactory(slug="metals", sector="metals")
    result = quick_scan(sector="gold", countries=["PE"])
    assert result.covenants == []
    html = client.get(scan_url(sector="gold", countries=["PE"])).content.decode()
    assert "No covenant covers this sector at the moment." in html


def test_the_empty_form_shows_no_errors_and_no_result(client: Any, dataset: None) -> None:
    html = client.get("/en/due-diligence/quick-scan/").content.decode()
    assert "There is a problem" not in html and "Your result" not in html


def test_missing_and_unknown_values_get_errors_next_to_their_fields_and_the_input_is_kept(
    client: Any, dataset: None
) -> None:
    response = client.get(scan_url(sector="", countries=["XX", "BD"], products=["cotton"]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["sector"] == ["Choose the sector your company works in."]
    assert "“XX” is not a known country" in form.errors["countries"][0]
    html = response.content.decode()
    assert "There is a problem" in html and "Your result" not in html
    assert '<option value="BD" selected>Bangladesh</option>' in html
    assert 'value="cotton" id="id_products_0" checked' in html
    no_country = client.get(scan_url(sector="gold")).context["form"]
    assert no_country.errors["countries"] == ["Choose at least one country you source from."]
    bad_product = client.get(scan_url(sector="gold", countries=["GH"], products=["tulips"])).context["form"]
    assert "products" in bad_product.errors


def test_at_most_25_countries(client: Any, dataset: None) -> None:
    many = ["BD", "IN", "PK", "CN", "TR", "MM", "KH", "VN", "ET", "KE", "GH", "CI", "CD", "BR", "ID",
            "PE", "CO", "NL", "DE", "FR", "BE", "ES", "IT", "PT", "PL", "SE"]  # fmt: skip
    form = client.get(scan_url(sector="gold", countries=many)).context["form"]
    assert form.errors["countries"] == ["Choose at most 25 countries."]


def test_the_result_is_a_link_in_both_languages(client: Any, dataset: None) -> None:
    url = scan_url(sector="garments_textile", countries=["BD"]).replace("/en/", "/nl/")
    html = client.get(url).content.decode()
    assert "Leefbaar loon" in html
    assert "Het wettelijk minimumloon" in html


def test_the_dataset_in_the_repository_is_valid(dataset: None) -> None:
    data = dataset_file()
    sources = {s["code"] for s in data["sources"]}
    assert data["version"] >= 1
    assert all(row["source"] in sources for row in data["indications"])
    assert all(row["reason_en"] and row["reason_nl"] for row in data["indications"])
    assert {row["step"] for row in data["actions"]} == {1, 2, 3, 4, 5, 6}


@pytest.mark.parametrize("countries", [["BD"], ["BD", "IN", "PK", "CN", "TR", "VN", "KH", "MM", "ET", "BR"]])
def test_the_scan_page_has_a_fixed_query_budget(
    client: Any, dataset: None, garments: Covenant, django_assert_max_num_queries: Any, countries: list[str]
) -> None:
    url = scan_url(sector="garments_textile", countries=countries, products=["cotton", "leather", "gold"])
    # The indications, the first actions, the covenants and the dataset's version.
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_everybody_finds_the_quick_scan_in_the_navigation(client: Any, secretariat_user: Any) -> None:
    assert 'href="/en/due-diligence/quick-scan/"' in client.get("/en/").content.decode()
    client.force_login(secretariat_user)
    html = client.get("/en/").content.decode()
    assert 'href="/en/due-diligence/quick-scan/dataset/"' in html
