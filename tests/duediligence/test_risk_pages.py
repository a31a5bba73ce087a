"""The risk register and action plan pages: a company records its risks and actions through the forms
(errors at their fields), sees them ranked and marked overdue, and logs progress with evidence; the
secretariat reads every company's; nobody else sees anything; the lists cost the same number of SQL
queries whatever their length."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from duediligence import services
from duediligence.models import Action, ActionProgress, Risk
from portal.accounts.roles import Role
from tests.companies.factories import SupplyLinkFactory
from tests.covenants.factories import standard_theme
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _risk(user: Any, **fields: Any) -> Risk:
    values = {
        "theme": standard_theme("child-labour"), "title": "Child labour at a spinning mill", "involvement": "linked",
        "scale": 4, "scope": 2, "irremediable": 4, "likelihood": 2, "countries": ["IN"],
    }  # fmt: skip
    return services.risk_create(actor=user, **{**values, **fields})


def _action(user: Any, risk: Risk, **fields: Any) -> Action:
    values = {
        "title": "Audit the mill",
        "owner": "CSR manager",
        "due_on": timezone.localdate() + timedelta(days=30),
    }
    return services.action_create(actor=user, risk_id=risk.pk, **{**values, **fields})


def _risk_form(**overrides: Any) -> dict[str, Any]:
    data = {
        "theme": standard_theme("living-wage").pk,
        "title": "Wages below the living wage at a cut-make-trim unit",
        "description": "Piece rates leave sewers below the Anker benchmark.",
        "countries": ["BD", "IN"],
        "involvement": "contributed",
        "scale": "3",
        "scope": "4",
        "irremediable": "2",
        "likelihood": "3",
        "status": "identified",
    }
    data.update(overrides)
    return data


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr>")[1:]


# --- the risk register --------------------------------------------------------------------------


def test_company_adds_a_risk_through_the_form_and_sees_it_ranked_by_its_priority(client_for, company):
    low = _risk(company, title="Overtime at a packing unit", scale=1, scope=1, irremediable=1, likelihood=3)
    client = client_for(company)
    form_page = client.get(reverse("duediligence:risk-create")).content.decode()
    assert "The severity is the highest of the three scales below" in form_page
    response = client.post(reverse("duediligence:risk-create"), _risk_form())
    assert response.status_code == 302 and response.url == reverse("duediligence:risks")
    risk = Risk.objects.get(title__startswith="Wages below")
    assert (risk.company_id, risk.priority, [c.code for c in risk.countries]) == (
        company.organisation_id,
        "critical",
        ["BD", "IN"],
    )
    page = client.get(reverse("duediligence:risks"))
    html = page.content.decode()
    assert "The risk has been added to your risk register." in html
    rows = _rows(html.split('id="caption-risk-table"', 1)[1])
    assert "Wages below the living wage" in rows[0] and "Critical" in rows[0]
    assert low.title in rows[1] and "Low" in rows[1]
    assert "Bangladesh, India" in rows[0] and "Contributed to by the company" in rows[0]
    # The matrix counts the new risk in its cell: severity very high, likely (critical).
    assert page.context["matrix"].rows[0][2].count == 1 and page.context["matrix"].total == 2


def test_company_edits_its_risk_and_the_priority_follows(client_for, company):
    risk = _risk(company, title="Overtime at a packing unit", scale=1, scope=1, irremediable=1, likelihood=1)
    client = client_for(company)
    url = reverse("duediligence:risk-edit", args=[risk.pk])
    assert 'value="Overtime at a packing unit"' in client.get(url).content.decode()
    response = client.post(
        url, _risk_form(title="Overtime at a packing unit", theme=risk.theme_id, scale="4")
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.priority == "critical" and risk.scale == 4


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"likelihood": "9"}, "likelihood", "Select a valid choice."),
        ({"scale": ""}, "scale", "This field is required."),
        ({"countries": ["XX"]}, "countries", "is not a known country."),
        ({"theme": ""}, "theme", "This field is required."),
    ],
    ids=["likelihood 9", "no scale", "unknown country", "no theme"],
)
def test_bad_risk_input_gets_its_message_at_the_field_and_keeps_the_typed_title(
    client_for, company, overrides, field, message
):
    response = client_for(company).post(
        reverse("duediligence:risk-create"), _risk_form(title="Typed by hand", **overrides)
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    error = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error
    assert 'value="Typed by hand"' in html
    assert not Risk.objects.exists()


def test_a_location_of_another_company_is_refused_at_the_field_and_own_ones_are_linked(client_for, company):
    own = SupplyLinkFactory(company=company.organisation).location
    foreign = SupplyLinkFactory().location
    client = client_for(company)
    page = client.get(reverse("duediligence:risk-create")).content.decode()
    assert own.public_id in page and foreign.public_id not in page
    response = client.post(
        reverse("duediligence:risk-create"), _risk_form(title="Typed by hand", locations=[foreign.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Choose production locations your company has disclosed."
        in html.split('id="id_locations_error"', 1)[1]
    )
    assert 'value="Typed by hand"' in html and not Risk.objects.exists()
    assert client.post(reverse("duediligence:risk-create"), _risk_form(locations=[own.pk])).status_code == 302
    assert list(Risk.objects.get().locations.all()) == [own]


def test_a_theme_of_a_covenant_the_company_is_not_a_member_of_is_not_offered(client_for, company):
    from covenants.models import RiskTheme
    from tests.covenants.factories import CovenantFactory

    own_covenant = company.membership.covenant
    mine = RiskTheme.objects.create(
        code="tannery-water", name_nl="Looierijwater", name_en="Tannery water", covenant=own_covenant
    )
    other = RiskTheme.objects.create(
        code="deep-sea", name_nl="Diepzee", name_en="Deep sea", covenant=CovenantFactory()
    )
    client = client_for(company)
    page = client.get(reverse("duediligence:risk-create")).content.decode()
    assert "Tannery water" in page and "Deep sea" not in page
    response = client.post(reverse("duediligence:risk-create"), _risk_form(theme=other.pk))
    assert 'id="id_theme_error"' in response.content.decode()
    assert client.post(reverse("duediligence:risk-create"), _risk_form(theme=mine.pk)).status_code == 302


# --- who sees what ------------------------------------------------------------------------------


def test_another_company_gets_404_for_a_foreign_risk_and_action_and_never_sees_them(client_for, company):
    risk = _risk(company, title="Secret risk of company A")
    action = _action(company, risk, title="Secret action of company A")
    other = user_with_role(Role.COMPANY)
    _risk(other, title="Own risk of company B")
    stranger = client_for(other)
    for url in (
        reverse("duediligence:risk-edit", args=[risk.pk]),
        reverse("duediligence:action", args=[action.pk]),
        reverse("duediligence:action-edit", args=[action.pk]),
    ):
        assert stranger.get(url).status_code == 404
        assert stranger.post(url, {"title": "Taken over"}).status_code == 404
    for url in (
        reverse("duediligence:risks"),
        reverse("duediligence:actions") + f"?risk={risk.pk}",
        reverse("duediligence:action-create") + f"?risk={risk.pk}",
    ):
        response = stranger.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Secret risk of company A" not in html and "Secret action of company A" not in html
    refused = stranger.post(
        reverse("duediligence:action-create"),
        {"risk": risk.pk, "title": "x", "owner": "y", "due_on": "2030-01-01", "status": "planned",
         "remediation_confirmation": "unknown"},
    )  # fmt: skip
    assert refused.status_code == 200 and 'id="id_risk_error"' in refused.content.decode()
    risk.refresh_from_db()
    assert risk.title == "Secret risk of company A" and Action.objects.count() == 1


def test_secretariat_sees_every_company_and_filters_by_company(client_for, company, secretariat):
    other = user_with_role(Role.COMPANY)
    mine = _risk(company, title="Risk of the first company")
    theirs = _risk(other, title="Risk of the second company")
    _action(company, mine, title="Action of the first company")
    action = _action(other, theirs, title="Action of the second company")
    client = client_for(secretariat)
    for name, first, second in [
        ("duediligence:risks", mine.title, theirs.title),
        ("duediligence:actions", "Action of the first company", "Action of the second company"),
    ]:
        html = client.get(reverse(name)).content.decode()
        assert first in html and second in html
        assert company.organisation.name in html and other.organisation.name in html
        filtered = client.get(reverse(name) + f"?company={other.organisation_id}").content.decode()
        assert second in filtered and first not in filtered
    by_risk = client.get(reverse("duediligence:actions") + f"?risk={theirs.pk}").content.decode()
    assert "Action of the second company" in by_risk and "Action of the first company" not in by_risk
    detail = client.get(reverse("duediligence:action", args=[action.pk]))
    assert detail.status_code == 200 and other.organisation.name in detail.content.decode()
    assert 'name="percentage"' not in detail.content.decode()
    assert client.post(reverse("duediligence:action", args=[action.pk]), {"note": "x"}).status_code == 404
    assert client.get(reverse("duediligence:risk-edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("duediligence:action-edit", args=[action.pk])).status_code == 404
    assert client.get(reverse("duediligence:risk-create")).status_code == 404


@pytest.mark.parametrize("role", [Role.NGO, Role.GOVERNMENT, Role.COMMITTEE, Role.TRADE_UNION])
def test_other_roles_get_404_on_the_register_and_the_plan(client_for, company, role):
    action = _action(company, _risk(company))
    client = client_for(user_with_role(role))
    for url in (
        reverse("duediligence:risks"),
        reverse("duediligence:actions"),
        reverse("duediligence:action", args=[action.pk]),
    ):
        assert client.get(url).status_code == 404


# --- the action plan ----------------------------------------------------------------------------


def test_an_open_action_past_its_due_date_is_marked_overdue_in_words_and_a_done_one_is_not(
    client_for, company
):
    risk = _risk(company)
    past = timezone.localdate() - timedelta(days=3)
    late = _action(company, risk, title="Late audit", due_on=past)
    done = _action(company, risk, title="Finished training", due_on=past - timedelta(days=1))
    services.action_progress_add(
        actor=company, action_id=done.pk, on=timezone.localdate(), note="Done", percentage=100
    )
    _action(company, risk, title="Future review")
    client = client_for(company)
    rows = _rows(client.get(reverse("duediligence:actions")).content.decode())
    marker = ">Overdue</strong>"
    assert [row.split("</a>", 1)[0].rsplit(">", 1)[1] for row in rows] == [
        "Finished training",
        "Late audit",
        "Future review",
    ]
    assert [marker in row for row in rows] == [False, True, False]
    assert marker in client.get(reverse("duediligence:action", args=[late.pk])).content.decode()
    assert marker not in client.get(reverse("duediligence:action", args=[done.pk])).content.decode()


def test_the_plan_filters_by_the_companys_own_risk(client_for, company):
    first, second = _risk(company, title="First risk"), _risk(company, title="Second risk")
    _action(company, first, title="Against the first")
    _action(company, second, title="Against the second")
    html = client_for(company).get(reverse("duediligence:actions") + f"?risk={second.pk}").content.decode()
    assert "Against the second" in html and "Against the first" not in html


def test_company_plans_an_action_for_a_preselected_risk(client_for, company):
    risk = _risk(company, title="Chosen risk", involvement="caused")
    client = client_for(company)
    page = client.get(reverse("duediligence:action-create") + f"?risk={risk.pk}").content.decode()
    assert f'<option value="{risk.pk}" selected>' in page
    response = client.post(
        reverse("duediligence:action-create"),
        {"risk": risk.pk, "title": "Back pay", "owner": "Director", "due_on": "2030-06-30", "status": "planned",
         "remediation": "Wages paid back", "remediation_confirmation": "confirmed"},
    )  # fmt: skip
    action = Action.objects.get()
    assert response.status_code == 302 and response.url == reverse("duediligence:action", args=[action.pk])
    assert (action.risk, action.remediation) == (risk, "Wages paid back")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"remediation": "School fees paid"}, "remediation", "caused or contributed to the impact"),
        ({"starts_on": "2030-07-01"}, "starts_on", "Give a start date on or before the due date."),
        ({"due_on": ""}, "due_on", "This field is required."),
    ],
    ids=["remediation for a linked risk", "start after due", "no due date"],
)
def test_bad_action_input_gets_its_message_at_the_field(client_for, company, overrides, field, message):
    risk = _risk(company)  # directly linked: no remediation to record
    data = {"risk": risk.pk, "title": "Typed action", "owner": "Buyer", "due_on": "2030-06-30", "status": "planned",
            "remediation_confirmation": "unknown", **overrides}  # fmt: skip
    response = client_for(company).post(reverse("duediligence:action-create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert message in html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert 'value="Typed action"' in html and not Action.objects.exists()


def test_company_edits_its_action(client_for, company):
    action = _action(company, _risk(company))
    client = client_for(company)
    url = reverse("duediligence:action-edit", args=[action.pk])
    assert 'value="Audit the mill"' in client.get(url).content.decode()
    response = client.post(
        url,
        {"title": "Audit the mill and its dye house", "owner": "CSR manager", "due_on": "2030-06-30",
         "status": "in_progress", "remediation_confirmation": "unknown"},
    )  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Audit the mill and its dye house" and action.status == Action.Status.IN_PROGRESS


def test_a_progress_entry_updates_the_action_and_appears_in_the_log(client_for, company):
    action = _action(company, _risk(company))
    services.action_progress_add(
        actor=company, action_id=action.pk, on=timezone.localdate() - timedelta(days=5), note="Auditor chosen",
        percentage=10,
    )  # fmt: skip
    client = client_for(company)
    url = reverse("duediligence:action", args=[action.pk])
    response = client.post(
        url,
        {"on": timezone.localdate().isoformat(), "note": "Audit report received", "percentage": "40",
         "evidence": SimpleUploadedFile("audit report.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302 and response.url == url
    action.refresh_from_db()
    assert (action.progress, action.status) == (40, Action.Status.IN_PROGRESS)
    html = client.get(url).content.decode()
    assert "The progress has been recorded." in html
    rows = _rows(html.split('id="caption-progress-table"', 1)[1])
    assert "Audit report received" in rows[0] and "40%" in rows[0] and "audit report.pdf" in rows[0]
    assert "Auditor chosen" in rows[1] and "10%" in rows[1]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"evidence": SimpleUploadedFile("report.pdf", b"\x7fELF" + b"\x00" * 100)},
            "evidence",
            "PDF, PNG or JPEG image",
        ),
        ({"on": "2999-01-01"}, "on", "cannot lie in the future"),
        ({"percentage": "120"}, "percentage", "less than or equal to 100"),
    ],
    ids=["not really a PDF", "future date", "over 100%"],
)
def test_bad_progress_input_gets_its_message_at_the_field(client_for, company, overrides, field, message):
    action = _action(company, _risk(company))
    data = {"on": timezone.localdate().isoformat(), "note": "Typed note", "percentage": "40", **overrides}
    response = client_for(company).post(reverse("duediligence:action", args=[action.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert message in html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert "Typed note" in html
    assert not ActionProgress.objects.exists()
    action.refresh_from_db()
    assert action.progress == 0


# --- query budgets ------------------------------------------------------------------------------


def _fill(user: Any, count: int) -> None:
    themes = [standard_theme("child-labour"), standard_theme("living-wage")]
    for number in range(count):
        risk = _risk(
            user, title=f"Risk {number}", theme=themes[number % 2], scale=1 + number % 4, likelihood=1 + number % 3,
            actual=number % 5 == 0, countries=["IN", "BD"],
        )  # fmt: skip
        _action(
            user, risk, title=f"Action {number}", due_on=timezone.localdate() + timedelta(days=number - 10)
        )


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["duediligence:risks", "duediligence:actions"])
@pytest.mark.parametrize("who", ["company", "secretariat"])
def test_the_lists_answer_in_the_same_number_of_queries_with_3_and_with_30_entries(
    client_for, company, secretariat, name, who
):
    other = user_with_role(Role.COMPANY)
    reader = company if who == "company" else secretariat
    client = client_for(reader)
    _fill(company, 3)
    _fill(other, 3)
    small = _queries(client, reverse(name))
    _fill(company, 27)
    _fill(other, 27)
    large = _queries(client, reverse(name))
    assert small == large, (small, large)
    assert large <= 12
