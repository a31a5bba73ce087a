"""A company saves its quick scan as the start of its risk register: draft risks per theme through the
risk services, marked as coming from the quick scan; a second save adds no duplicates."""

from __future__ import annotations

from typing import Any

import pytest

from duediligence.models import QuickScanRisk, Risk
from portal.accounts.roles import Role
from tests.factories import user_with_role

from .quickscan_fixtures import dataset

pytestmark = pytest.mark.django_db
__all__ = ["dataset"]

SAVE = "/en/due-diligence/quick-scan/save/"
SCAN = {"sector": "garments_textile", "countries": ["BD"]}


def test_saving_creates_draft_risks_per_theme_and_goes_to_the_register(
    client: Any, company_user: Any, dataset: None
) -> None:
    client.force_login(company_user)
    response = client.post(SAVE, SCAN)
    assert response.status_code == 302 and response["Location"] == "/en/due-diligence/risks/"
    risks = Risk.objects.filter(company=company_user.organisation)
    codes = set(risks.values_list("theme__code", flat=True))
    assert {"living-wage", "freedom-of-association", "health-safety", "discrimination-gender"} <= codes
    assert risks.count() == len(codes)  # one per theme
    living = risks.get(theme__code="living-wage")
    assert living.title == "Quick scan: Living wage"
    assert "From the due-diligence quick scan (dataset version" in living.description
    assert [c.code for c in living.countries] == ["BD"]
    assert living.status == Risk.Status.IDENTIFIED and not living.actual and living.involvement == "linked"
    # A high theme is rated high and likely, an elevated one medium and possible, for now.
    assert (living.scale, living.scope, living.irremediable, living.likelihood) == (3, 3, 2, 3)
    assert living.priority == "high"
    child = risks.get(theme__code="child-labour")  # elevated for garments, and in Bangladesh
    assert child.likelihood == 2
    register = client.get("/en/due-diligence/risks/").content.decode()
    assert "Quick scan: Living wage" in register
    assert "The quick scan is in your risk register" in register


def test_a_second_save_adds_no_duplicates_and_only_the_new_countries(
    client: Any, company_user: Any, dataset: None
) -> None:
    client.force_login(company_user)
    client.post(SAVE, SCAN)
    first = Risk.objects.filter(company=company_user.organisation).count()
    client.post(SAVE, SCAN)
    assert Risk.objects.filter(company=company_user.organisation).count() == first
    client.post(SAVE, {"sector": "garments_textile", "countries": ["BD", "IN"]})
    risks = Risk.objects.filter(company=company_user.organisation)
    child = risks.get(theme__code="child-labour")
    assert sorted(c.code for c in child.countries) == ["BD", "IN"]
    assert risks.filter(theme__code="child-labour").count() == 1
    assert QuickScanRisk.objects.filter(company=company_user.organisation).count() == risks.count()


def test_another_company_s_save_is_its_own(client: Any, company_user: Any, dataset: None) -> None:
    client.force_login(company_user)
    client.post(SAVE, SCAN)
    other = user_with_role(Role.COMPANY)
    client.force_login(other)
    client.post(SAVE, SCAN)
    assert (
        Risk.objects.filter(company=other.organisation).count()
        == Risk.objects.filter(company=company_user.organisation).count()
    )


def test_the_scan_page_offers_a_company_the_save_form(client: Any, company_user: Any, dataset: None) -> None:
    client.force_login(company_user)
    html = client.get("/en/due-diligence/quick-scan/?sector=garments_textile&countries=BD").content.decode()
    assert 'action="/en/due-diligence/quick-scan/save/"' in html
    assert '<input type="hidden" name="countries" value="BD">' in html


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.NGO, Role.GOVERNMENT, Role.COMMITTEE])
def test_everyone_but_a_company_gets_404_and_nothing_is_saved(client: Any, dataset: None, role: Role) -> None:
    client.force_login(user_with_role(role))
    assert client.post(SAVE, SCAN).status_code == 404
    assert not Risk.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client: Any, dataset: None) -> None:
    response = client.post(SAVE, SCAN)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not Risk.objects.exists()


def test_an_invalid_save_shows_the_errors_and_saves_nothing(
    client: Any, company_user: Any, dataset: None
) -> None:
    client.force_login(company_user)
    response = client.post(SAVE, {"sector": "garments_textile"})
    assert response.status_code == 400
    assert response.context["form"].errors["countries"] == ["Choose at least one country you source from."]
    assert not Risk.objects.exists()


def test_saving_by_get_is_not_allowed(client: Any, company_user: Any, dataset: None) -> None:
    client.force_login(company_user)
    assert client.get(SAVE).status_code == 405
