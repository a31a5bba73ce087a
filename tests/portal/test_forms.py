"""Forms follow one pattern: error summary, errors once at their field, optional fields marked, no colons."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

import pytest
import tinyhtml5
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from covenants.forms import CovenantForm, CycleForm, MembershipApplicationForm, PartyForm, SteeringMemberForm
from covenants.models import Membership
from tests.covenants.factories import CovenantFactory, declaration
from tests.covenants.helpers import url

from .catalogue import dutch_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def parse(html: str) -> Element:
    return tinyhtml5.parse(html, namespace_html_elements=False)


def text(element: Element | None) -> str:
    assert element is not None
    return " ".join("".join(element.itertext()).split())


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the passport.")
    nickname = forms.CharField(label="Nickname", required=False)
    agree = forms.BooleanField(label="I agree")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any]:
        raise forms.ValidationError("Something is wrong with the whole form.")


def render_example(data: dict[str, Any] | None) -> Element:
    form = ExampleForm(data)
    form.is_valid()
    return parse(render_to_string("components/form_errors.html", {"form": form}) + form.render())


def test_error_summary_lists_every_error_with_a_link_to_its_field():
    page = render_example({})
    summary = page.find(".//div[@class='error-summary']")
    assert summary is not None and summary.get("tabindex") == "-1" and summary.get("role") == "alert"
    assert text(summary.find(".//h2")) == "There is a problem"
    links = {a.get("href"): text(a) for a in summary.iter("a")}
    assert links == {
        "#id_name": "Name: This field is required.",
        "#id_agree": "I agree: This field is required.",
        "#id_colour_0": "Colour: This field is required.",
    }
    # The error of the whole form is listed too, without a link; it is not repeated above the fields.
    items = [text(li) for li in summary.iter("li")]
    assert "Something is wrong with the whole form." in items
    assert "".join(page.itertext()).count("Something is wrong with the whole form.") == 1
    # The links point at real inputs.
    for href in links:
        assert page.find(f".//input[@id='{href[1:]}']") is not None


def test_no_error_summary_on_a_form_that_was_not_submitted():
    page = render_example(None)
    assert page.find(".//div[@class='error-summary']") is None
    assert page.find(".//*[@aria-invalid]") is None


def test_field_error_is_linked_to_its_input_and_marks_it_invalid():
    page = render_example({"nickname": "x"})
    field = page.find(".//input[@id='id_name']")
    assert field is not None and field.get("aria-invalid") == "true"
    described = field.get("aria-describedby", "").split()
    assert described == ["id_name_helptext", "id_name_error"]
    assert text(page.find(".//*[@id='id_name_helptext']")) == "As on the passport."
    assert "This field is required." in text(page.find(".//*[@id='id_name_error']"))
    # A valid field is neither invalid nor described by an error.
    nickname = page.find(".//input[@id='id_nickname']")
    assert nickname is not None and nickname.get("aria-invalid") is None


def test_labels_have_no_colon_and_optional_fields_say_so():
    page = render_example(None)
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_name"] == "Name"
    assert labels["id_nickname"] == "Nickname (optional)"
    assert labels["id_agree"] == "I agree"


def test_optional_marker_is_translated(tmp_path):
    with dutch_catalogue(tmp_path, {"(optional)": "(optioneel)"}), translation.override("nl"):
        page = render_example(None)
    labels = {label.get("for"): text(label) for label in page.iter("label")}
    assert labels["id_nickname"] == "Nickname (optioneel)"


def test_checkbox_comes_before_its_label_in_one_row():
    page = render_example(None)
    row = page.find(".//div[@class='checkbox']")
    assert row is not None
    children = list(row)
    assert [child.tag for child in children] == ["input", "label"]
    assert children[0].get("type") == "checkbox" and children[1].get("for") == "id_agree"


def test_radio_buttons_are_grouped_under_a_legend():
    page = render_example(None)
    legend = page.find(".//fieldset/legend")
    assert text(legend) == "Colour"


def test_selects_say_what_to_choose_instead_of_dashes(secretariat_user):
    forms_to_check = (
        MembershipApplicationForm(offered=[CovenantFactory()]),
        PartyForm(),
        CycleForm(),
        CovenantForm(),
    )
    for form in forms_to_check:
        html = form.render()
        assert "---------" not in html
        assert "Choose a" in html
        assert "placeholder" not in html
    assert "No organisation" in SteeringMemberForm().render()


def test_the_page_title_starts_with_error_when_the_form_has_errors(client_for, company_user):
    CovenantFactory()
    client = client_for(company_user)
    title = text(parse(client.get(url("apply")).content.decode()).find(".//title"))
    assert not title.startswith("Error")
    response = client.post(url("apply"), {"contact_name": ""})
    title = text(parse(response.content.decode()).find(".//title"))
    assert title.startswith("Error: Apply to join a covenant")


def test_the_page_title_starts_with_fout_on_dutch_pages(client, db, tmp_path):
    with dutch_catalogue(tmp_path, {"Error:": "Fout:"}):
        page = parse(client.post("/nl/account/login/", {"login": "", "password": ""}).content.decode())
    assert text(page.find(".//title")).startswith("Fout: ")


def test_adherence_checkbox_error_is_shown_once(client_for, company_user):
    covenant = CovenantFactory()
    data = {"covenant": covenant.pk, **declaration(declaration_accepted="")}
    body = client_for(company_user).post(url("apply"), data).content.decode()
    page = parse(body)
    error = page.find(".//*[@id='id_declaration_accepted_error']")
    assert text(error).count("Tick the box to accept the adherence declaration.") == 1
    summary = page.find(".//div[@class='error-summary']")
    assert text(summary).count("Tick the box") == 1
    assert not Membership.objects.exists()


def test_adherence_checkbox_links_to_the_declaration_text(client_for, company_user):
    covenant = CovenantFactory(name_en="Textiles")
    page = parse(client_for(company_user).get(url("apply")).content.decode())
    hint = page.find(".//*[@id='id_declaration_accepted_helptext']")
    assert hint is not None and hint.find("a").get("href") == "#declaration"  # type: ignore[union-attr]
    declaration_section = page.find(".//section[@id='declaration']")
    assert "report on its progress every year" in text(declaration_section)
    hrefs = [a.get("href") for a in declaration_section.iter("a")]  # type: ignore[union-attr]
    assert url("detail", covenant.slug) in hrefs


def test_error_summary_script_is_a_static_file_not_inline(client, db):
    page = parse(client.get("/en/account/login/").content.decode())
    scripts = list(page.iter("script"))
    assert any((s.get("src") or "").endswith("js/error-summary.js") for s in scripts)
    assert all(s.get("src") for s in scripts)
    assert page.find(".//*[@autofocus]") is None
