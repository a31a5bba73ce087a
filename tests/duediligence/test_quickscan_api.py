"""The public quick scan API: /api/v1/quick-scan/?sector=...&countries=...&products=..."""

from __future__ import annotations

from typing import Any

import pytest

from covenants.models import Covenant

from .quickscan_fixtures import dataset, garments

pytestmark = pytest.mark.django_db
__all__ = ["dataset", "garments"]

URL = "/api/v1/quick-scan/"


def test_anyone_gets_the_themes_steps_and_covenant(client: Any, dataset: None, garments: Covenant) -> None:
    response = client.get(URL, {"sector": "garments_textile", "countries": "BD,IN", "products": "cotton"})
    assert response.status_code == 200
    data = response.json()
    codes = [theme["code"] for theme in data["themes"]]
    assert {"living-wage", "freedom-of-association", "health-safety", "forced-labour"} <= set(codes)
    living = data["themes"][codes.index("living-wage")]
    assert living["level"] == "high" and living["countries"] == ["BD"]
    country = next(i for i in living["indications"] if i["dimension"] == "country")
    assert country["code"] == "BD" and country["source"]["publisher"] == "ILO"
    assert [step["step"] for step in data["steps"]] == [1, 2, 3, 4, 5, 6]
    [covenant] = data["covenants"]
    assert covenant["slug"] == "garments-textile" and covenant["name"] == garments.name
    assert covenant["url"].endswith("/covenants/garments-textile/")
    assert covenant["apply_url"].endswith("/covenants/memberships/apply/?covenant=garments-textile")
    assert data["version"] >= 1


def test_repeated_parameters_work_as_well(client: Any, dataset: None) -> None:
    data = client.get(URL + "?sector=gold&countries=CD&countries=PE").json()
    assert data["countries"] == ["CD", "PE"] and data["covenants"] == []


def test_bad_parameters_are_a_400_that_names_them(client: Any, dataset: None) -> None:
    response = client.get(URL, {"sector": "shoes", "countries": "XX", "products": "tulips"})
    assert response.status_code == 400
    assert set(response.json()) == {"sector", "countries", "products"}
    assert set(client.get(URL, {"sector": "gold"}).json()) == {"countries"}


def test_the_api_has_a_fixed_query_budget(
    client: Any, dataset: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        client.get(
            URL, {"sector": "garments_textile", "countries": "BD,IN,PK,CN,TR,VN", "products": "cotton,gold"}
        )


def test_the_endpoint_is_in_the_openapi_schema(client: Any) -> None:
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/quick-scan/"]["get"]
    assert operation["operationId"] == "quick_scan"
    assert {p["name"] for p in operation["parameters"]} >= {"sector", "countries", "products"}
    assert "400" in operation["responses"]
