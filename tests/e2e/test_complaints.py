"""The complaint mechanism in a real browser: an anonymous complaint filed in Dutch on a phone and
followed with its receipt code, a complaint filed in Bengali, and an NGO's complaint taken through to
a published ruling. Filing with the keyboard only is in test_keyboard.py; every complainant page in
every offered language, at phone and desktop width, in test_complainant_languages.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from complaints.models import Complaint

from .conftest import DEFAULT_TIMEOUT_MS
from .helpers import assert_accessible, login, logout

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _choose(page: Page, select: str, pattern: str) -> None:
    """Choose the option of `select` whose text matches `pattern` (names differ per language)."""
    options = page.locator(f"{select} option")
    texts = options.all_inner_texts()
    index = next(i for i, text in enumerate(texts) if re.search(pattern, text, re.IGNORECASE))
    page.locator(select).select_option(index=index)


def _fill_complaint(page: Page, what: str) -> None:
    _choose(page, "#id_covenant", "Text")
    page.locator("#id_subject_0").check()
    _choose(page, "#id_company", "Demo Textiles")
    page.locator("#id_what_happened").fill(what)


def _code(page: Page) -> str:
    return page.locator("[data-receipt-code]").inner_text()


def test_an_anonymous_complaint_filed_in_dutch_on_a_phone_is_followed_with_its_receipt_code(
    browser: Browser, live_url: str, seeded: None
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(f"{live_url}/nl/complaints/file/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Een klacht indienen")
        page.get_by_role("button", name="Verstuur de klacht").click()
        expect(page.locator(".error-summary")).to_be_focused()
        assert_accessible(page, "form with errors, phone")
        _fill_complaint(page, "De nooduitgang is 's nachts op slot.")
        page.locator("#id_filer_0").check()
        page.locator("#id_anonymous").check()
        page.get_by_role("button", name="Verstuur de klacht").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw klacht is ontvangen")
        code = _code(page)
        assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
        assert code.replace(" ", "") not in page.url
        assert_accessible(page, "confirmation with the code")
        page.get_by_role("link", name="Volg uw klacht").first.click()
        page.get_by_label("Uw ontvangstcode").fill(code)
        page.get_by_role("button", name="Open mijn klacht").click()
        reference = Complaint.objects.filter(anonymous=True).order_by("-pk").first().reference
        expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
        assert code.replace(" ", "") not in page.url
        assert_accessible(page, "case page of the complainant, phone")
        page.get_by_label("Uw bericht").fill("Is er al nieuws?")
        page.get_by_role("button", name="Verstuur het bericht").click()
        expect(page.get_by_text("Is er al nieuws?")).to_be_visible()
        page.get_by_role("button", name="Sluit mijn zaak in deze browser").click()
        page.goto(f"{live_url}/nl/complaints/cases/{reference}/")
        expect(page.get_by_role("heading", level=1)).not_to_contain_text(reference)
    finally:
        context.close()


def test_a_complaint_is_filed_in_bengali(page: Page, live_url: str, seeded: None) -> None:
    page.goto(f"{live_url}/en/complaints/file/")
    page.get_by_role("link", name="বাংলা").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "bn")
    _fill_complaint(page, "রাতের শিফটে ওভারটাইমের টাকা দেওয়া হয় না।")
    page.locator("#id_filer_0").check()
    page.locator("main form button[type='submit']").click()
    expect(page.locator("[data-receipt-code]")).to_be_visible()
    assert Complaint.objects.filter(language="bn", what_happened__startswith="রাতের শিফটে ওভারটাইমের").exists()
    assert_accessible(page, "Bengali confirmation")


def test_an_ngo_complaint_is_taken_through_to_a_published_ruling(
    page: Page, live_url: str, seeded: None
) -> None:
    login(page, live_url, "ngo@demo.example")
    page.goto(f"{live_url}/en/complaints/file/")
    _fill_complaint(page, "Union members were dismissed at a supplier.")
    page.locator("#id_filer_3").check()
    page.get_by_role("button", name="Send the complaint").click()
    page.get_by_role("link", name="Open the case").click()
    reference = page.get_by_role("heading", level=1).inner_text().split()[-1]
    logout(page, live_url)

    def step(who: str, to: str, reason: str = "") -> None:
        login(page, live_url, who)
        page.goto(f"{live_url}/en/complaints/cases/{reference}/")
        page.locator("#action-move").get_by_label(to, exact=True).check()
        if reason:
            page.locator("#action-move").get_by_label("Reason").fill(reason)
        page.locator("#action-move").get_by_role("button").click()
        expect(page.get_by_text("The case has moved on.")).to_be_visible()
        logout(page, live_url)

    login(page, live_url, "secretariat@demo.example")
    page.goto(f"{live_url}/en/complaints/cases/{reference}/")
    page.locator("#action-assign").get_by_label("Committee member").select_option(label="Pieter Jansen")
    page.locator("#action-assign").get_by_role("button").click()
    assert_accessible(page, "secretariat's case page")
    logout(page, live_url)
    step("secretariat@demo.example", "Receipt acknowledged")
    step("secretariat@demo.example", "Admissibility under review")
    step("committee@demo.example", "Admissible")
    step("committee@demo.example", "Waiting for the respondent's reply")
    step("committee@demo.example", "Hearing")
    step("committee@demo.example", "Ruling being drafted")
    login(page, live_url, "committee@demo.example")
    page.goto(f"{live_url}/en/complaints/cases/{reference}/")
    form = page.locator("#action-ruling")
    form.get_by_label("Founded", exact=True).check()
    form.get_by_label("Ruling in Dutch").fill("De klacht is gegrond.")
    form.get_by_label("Ruling in English").fill("The complaint is founded.")
    form.locator("#id_rec1_company").select_option(label="Demo Textiles B.V.")
    form.locator("#id_rec1_text").fill("Reinstate the dismissed workers")
    form.locator("#id_rec1_due").fill("2027-06-30")
    form.get_by_role("button").click()
    expect(page.get_by_text("The ruling has been recorded")).to_be_visible()
    assert_accessible(page, "committee's case page with the ruling")
    logout(page, live_url)
    step("committee@demo.example", "Follow-up of compliance")
    login(page, live_url, "company@demo.example")
    page.goto(f"{live_url}/en/complaints/cases/{reference}/")
    page.locator("#action-follow-up").get_by_role("textbox").fill("Two workers were reinstated in May.")
    page.locator("#action-follow-up").get_by_role("button").click()
    expect(page.get_by_text("Your report has been sent")).to_be_visible()
    logout(page, live_url)
    step("committee@demo.example", "Closed")
    login(page, live_url, "secretariat@demo.example")
    page.goto(f"{live_url}/en/complaints/cases/{reference}/")
    form = page.locator("#action-publish")
    form.get_by_label("Anonymised summary in Dutch").fill("Een NGO klaagde over ontslag van vakbondsleden.")
    form.get_by_label("Anonymised summary in English").fill(
        "An NGO complained about dismissed union members."
    )
    form.get_by_role("button").click()
    logout(page, live_url)
    page.goto(f"{live_url}/en/complaints/rulings/{reference}/")
    expect(page.get_by_text("The complaint is founded.")).to_be_visible()
    assert_accessible(page, "published ruling")
