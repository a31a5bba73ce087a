"""Whole tasks with the keyboard only (Tab, Shift+Tab, Space, Enter, arrow keys and typing; no clicks,
nothing filled in by the test): filing a complaint until the receipt page, and completing and
sending a company's self-assessment. At every stop the focus must be visible, on the screen and have
moved in reading order (tests/e2e/keyboard.py)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from complaints.models import Complaint
from covenants.models import AnnualCycle, Covenant
from duediligence import services
from duediligence.models import Assessment
from portal.accounts.roles import Role
from tests.covenants.factories import MembershipFactory
from tests.factories import PASSWORD, user_with_role

from .helpers import login
from .keyboard import Keyboard, Stop, named

pytestmark = pytest.mark.e2e

GARMENTS = "garments-textile"
#: The complaint form's fields in reading order: every one is reached, none is skipped or jumped to.
COMPLAINT_FIELDS = [
    "covenant",
    "subject",
    "company",
    "location",
    "what_happened",
    "happened_on",
    "country",
    "themes",
    "outcome_sought",
    "attachments",
    "filer",
    "on_behalf_of",
    "anonymous",
    "name",
    "organisation",
    "email",
    "phone",
    "share_identity",
]


def _fields_in_order(stops: list[Stop]) -> list[str]:
    names: list[str] = []
    for stop in stops:
        if stop["name"] in COMPLAINT_FIELDS and stop["name"] not in names:
            names.append(stop["name"])
    return names


def _skip_to_main(keys: Keyboard) -> None:
    first = keys.tab()
    assert "skip-link" in first["classes"], f"the first Tab should reach the skip link, not {first}"
    keys.press("Enter")
    keys.restart_from("#main")


def test_a_complaint_is_filed_with_the_keyboard_only(page: Page, live_url: str, seeded: None) -> None:
    page.goto(f"{live_url}/en/complaints/file/")
    keys = Keyboard(page)
    _skip_to_main(keys)

    keys.tab_until(named("covenant"), what="the covenant")
    keys.choose(lambda option: bool(re.search("textile", option, re.IGNORECASE)))
    subject = keys.tab()
    assert (subject["name"], subject["value"]) == ("subject", "company"), subject
    keys.press("Space")
    assert keys.state()["checked"]
    assert keys.tab()["name"] == "company"
    keys.choose(lambda option: option.startswith("Demo Textiles"))
    keys.tab_until(named("what_happened"), what="what happened")
    page.keyboard.type("The emergency exit is locked during the night shift.")
    # Back to the field before it and forward again: Shift+Tab retraces the same order.
    assert keys.tab(back=True)["name"] == "location"
    assert keys.tab()["name"] == "what_happened"
    filer = keys.tab_until(named("filer"), what="who files")
    keys.press("Space")
    assert keys.state()["checked"], filer
    keys.tab_until(named("anonymous"), what="anonymous")
    keys.press("Space")
    assert keys.state()["checked"]
    submit = keys.tab_until(lambda stop: stop["tag"] == "button" and stop["type"] == "submit", what="send")
    assert submit["text"] == "Send the complaint"

    assert _fields_in_order(keys.stops) == COMPLAINT_FIELDS
    assert not [stop for stop in keys.stops if stop["name"] == "website"], "the hidden field took focus"
    form_stops = [s for s in keys.stops if s["name"] in COMPLAINT_FIELDS and s["order"] != "backward"]
    rising = [b for a, b in itertools.pairwise(form_stops) if b["top"] < a["top"] - 1]
    assert not rising, f"Tab went back up the page: {rising}"

    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint has been received")
    expect(page.locator("[data-receipt-code]")).to_be_visible()
    filed = Complaint.objects.get(what_happened="The emergency exit is locked during the night shift.")
    assert filed.anonymous and filed.covenant.slug == GARMENTS


@pytest.fixture
def company(seeded: None) -> Any:
    """A fresh member company of the demo's garment covenant, with a draft for the open cycle."""
    user = user_with_role(Role.COMPANY)
    MembershipFactory(company=user.organisation, covenant=Covenant.objects.get(slug=GARMENTS), active=True)
    cycle = AnnualCycle.objects.get(covenant__slug=GARMENTS, status=AnnualCycle.Status.OPEN)
    services.assessment_start(actor=user, cycle=cycle)
    return user


def _answer_step(page: Page, keys: Keyboard, evidence: Path, step: int) -> None:
    """Tab through the step's form answering each question as its field is reached (the first
    option of each group, a number, an explanation, a file), then "Save and continue" with Enter."""
    keys.restart_from("body")
    for _ in range(400):
        stop = keys.tab()
        if stop["tag"] == "button" and stop["name"] == "continue":
            with page.expect_navigation():
                keys.press("Enter")
            return
        if stop["type"] == "radio" and not stop["checked"]:
            keys.press("Space")
            assert keys.state()["checked"], stop
        elif stop["tag"] == "textarea" and not stop["value"]:
            page.keyboard.type(f"Step {step}: described in our policy and annual report.")
        elif stop["inputmode"] == "decimal" and not stop["value"]:
            page.keyboard.type("50")
        elif stop["type"] == "file":
            # Space opens the system's file dialog; the test answers the dialog, not the page.
            with page.expect_file_chooser() as chooser:
                keys.press("Space")
            chooser.value.set_files(str(evidence))
    raise AssertionError(f"step {step}: no 'Save and continue' button within 400 tabs")


def test_a_self_assessment_is_completed_and_sent_with_the_keyboard_only(
    page: Page, live_url: str, company: Any, tmp_path: Path
) -> None:
    evidence = tmp_path / "policy.txt"
    evidence.write_text("Our human rights policy, adopted by the board.", encoding="utf-8")
    assessment = Assessment.objects.get(company=company.organisation)
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{assessment.pk}/")
    keys = Keyboard(page)
    _skip_to_main(keys)
    keys.tab_until(lambda stop: stop["text"].startswith("1. "), what="the link to step 1")
    with page.expect_navigation():
        keys.press("Enter")
    for step in range(1, 7):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Step {step}:")
        _answer_step(page, keys, evidence, step)
        expect(page.get_by_text("Your answers have been saved.")).to_be_visible()

    # After step 6 the self-assessment's own page: nothing left to complete, send it.
    expect(page.get_by_role("heading", name="Still to complete")).to_have_count(0)
    assert not services.missing_answers(assessment)
    keys.restart_from("body")
    send = keys.tab_until(
        lambda stop: stop["tag"] == "button" and "Send the self-assessment" in stop["text"],
        most=120,
        what="the send button",
    )
    assert send["visible"]
    with page.expect_navigation():
        keys.press("Enter")
    expect(page.get_by_text("Your self-assessment has been sent to the secretariat.")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.answers.filter(question__answer_type="evidence").exclude(evidence="").count() >= 3
