"""The self-assessment in a real browser: a company answers step by step, comes back later and submits;
the secretariat requests changes with feedback and the company resubmits; a step answered with the
keyboard only; a bad number kept on the page; and the pages clean under axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Locator, Page, expect

from covenants.models import AnnualCycle, Covenant
from duediligence import services
from duediligence.models import Answer, AnswerType, Assessment, Question
from portal.accounts.roles import Role
from tests.covenants.factories import MembershipFactory
from tests.factories import PASSWORD, user_with_role

from .helpers import assert_accessible, login, logout

pytestmark = pytest.mark.e2e

GARMENTS = "garments-textile"
SECRETARIAT = "secretariat@demo.example"


@pytest.fixture
def company(seeded: None) -> Any:
    """A fresh member company of the demo's garment covenant, whose open cycle has a framework."""
    user = user_with_role(Role.COMPANY)
    MembershipFactory(company=user.organisation, covenant=Covenant.objects.get(slug=GARMENTS), active=True)
    return user


@pytest.fixture
def draft(company: Any) -> Assessment:
    cycle = AnnualCycle.objects.get(covenant__slug=GARMENTS, status=AnnualCycle.Status.OPEN)
    return services.assessment_start(actor=company, cycle=cycle)


def codes(assessment: Assessment) -> dict[str, int]:
    """Question code -> pk: the id of each question's block on a step page is question-<pk>."""
    return dict(Question.objects.filter(section__framework=assessment.framework).values_list("code", "pk"))


def question(page: Page, assessment: Assessment, code: str) -> Locator:
    return page.locator(f"#question-{codes(assessment)[code]}")


def answer(
    block: Locator, *, choice: str = "", text: str = "", number: str = "", file: Path | None = None
) -> None:
    """Answer one question on the page: pick the option by its label, type the number and the
    explanation (each question has one text area), attach a file."""
    if choice:
        block.get_by_role("radio", name=choice, exact=True).check()
    if number:
        block.get_by_role("textbox").first.fill(number)
    if file is not None:
        block.locator("input[type='file']").set_input_files(str(file))
    if text:
        block.locator("textarea").fill(text)


def complete(user: Any, assessment: Assessment) -> None:
    """Answer every required question that is still open, through the services."""
    for item in services.missing_answers(assessment):
        q = item.question
        stored = Answer.objects.filter(assessment=assessment, question=q).first()
        value: dict[str, Any] = {"text": "Described in our annual report."}
        if q.answer_type == AnswerType.YES_PARTLY_NO:
            value["choice"] = "yes"
        elif q.answer_type == AnswerType.CHOICE:
            value["choice"] = q.choice_options()[-1][0]
        elif q.answer_type == AnswerType.NUMBER:
            value["number"] = "50"
        elif q.answer_type == AnswerType.EVIDENCE:
            value["evidence"] = SimpleUploadedFile("evidence.txt", b"Our evidence.", "text/plain")
        services.answer_save(
            actor=user,
            assessment_id=assessment.pk,
            question_id=q.pk,
            version=stored.version if stored else None,
            **value,
        )


def status(page: Page) -> Locator:
    return page.locator("dl.facts dt", has_text="Status").locator("xpath=following-sibling::dd[1]")


def step_progress(page: Page, number: int) -> Locator:
    return page.locator("ol.steps > li").nth(number - 1).locator(".hint")


def test_company_answers_two_steps_comes_back_and_submits(
    page: Page, live_url: str, company: Any, tmp_path: Path
) -> None:
    evidence = tmp_path / "policy.txt"
    evidence.write_text("Our human rights policy, adopted by the board.", encoding="utf-8")
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/")
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(status(page)).to_have_text("Draft")
    assessment = Assessment.objects.get(company=company.organisation)
    page.get_by_role("link", name="1. Embed responsible business conduct").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Step 1: Embed responsible business conduct")

    q = lambda code: question(page, assessment, code)  # noqa: E731
    answer(q("1.1.a"), choice="Yes", text="Adopted by the board in 2024.")
    answer(q("1.1.b"), choice="All 7")
    answer(q("1.1.c"), file=evidence)
    answer(q("1.2.a"), choice="Yes")
    answer(q("1.2.b"), choice="Partly", text="The budget grows next year.")
    answer(q("1.2.c"), choice="Yes")
    answer(q("1.3.a"), choice="Partly", text="Eight of ten suppliers signed.")
    answer(q("1.3.b"), choice="No", text="We start these talks this year.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Your answers have been saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Step 2: Identify and assess adverse impacts")

    answer(q("2.1.a"), choice="Yes")
    answer(q("2.1.b"), number="85")
    answer(q("2.1.c"), choice="Yes")
    answer(q("2.1.d"), text="Living wage and overtime, from audits and worker interviews.")
    answer(q("2.2.a"), choice="Yearly")
    answer(q("2.2.b"), choice="Yes")
    answer(q("2.2.c"), number="60")
    answer(q("2.3.a"), choice="Yes")
    answer(q("2.3.b"), choice="Yes")
    answer(q("2.3.c"), file=evidence)
    with page.expect_navigation():  # the message of the first save is still on the page
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your answers have been saved.")).to_be_visible()
    logout(page, live_url)

    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/")
    page.locator("main table").get_by_role("link").first.click()
    expect(status(page)).to_have_text("Draft")
    expect(step_progress(page, 1)).to_have_text("8 of 8 required answers complete")
    expect(step_progress(page, 2)).to_have_text("10 of 10 required answers complete")
    expect(step_progress(page, 3)).to_have_text("0 of 9 required answers complete")
    page.get_by_role("link", name="2. Identify and assess adverse impacts").click()
    expect(q("2.1.b").get_by_role("textbox").first).to_have_value("85")
    expect(q("2.2.a").get_by_role("radio", name="Yearly")).to_be_checked()

    complete(company, assessment)
    page.get_by_role("link", name="Back to the self-assessment").click()
    expect(step_progress(page, 3)).to_have_text("9 of 9 required answers complete")
    expect(page.get_by_role("heading", name="Still to complete")).to_have_count(0)
    page.get_by_role("button", name="Send the self-assessment to the secretariat").click()
    expect(page.get_by_text("Your self-assessment has been sent to the secretariat.")).to_be_visible()
    expect(status(page)).to_have_text("Submitted")


def test_secretariat_requests_changes_and_the_company_resubmits(
    page: Page, live_url: str, company: Any, draft: Assessment
) -> None:
    complete(company, draft)
    services.assessment_transition(actor=company, assessment_id=draft.pk, to=Assessment.Status.SUBMITTED)
    login(page, live_url, SECRETARIAT)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/")
    page.get_by_role("link", name="Review this self-assessment").click()
    page.get_by_role("button", name="Start the review").click()
    expect(status(page)).to_have_text("Under review")
    page.get_by_label("Feedback on 2.1.b").fill("Please include the second-tier locations as well.")
    page.get_by_label("Overall feedback to the company").fill("Almost there: see the note at 2.1.b.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("The decision has been recorded.")).to_be_visible()
    expect(status(page)).to_have_text("Changes requested")
    logout(page, live_url)

    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/")
    expect(page.locator(".history")).to_contain_text("Almost there: see the note at 2.1.b.")
    page.get_by_role("link", name="2. Identify and assess adverse impacts").click()
    block = question(page, draft, "2.1.b")
    expect(block.get_by_role("note")).to_have_text(
        "Feedback from the secretariat: Please include the second-tier locations as well."
    )
    answer(block, number="65", text="Now including the second-tier locations.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your answers have been saved.")).to_be_visible()
    expect(block.get_by_role("textbox").first).to_have_value("65")
    page.get_by_role("link", name="Back to the self-assessment").click()
    page.get_by_role("button", name="Send the self-assessment again").click()
    expect(status(page)).to_have_text("Resubmitted")


FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {name: el.name || "", value: el.value || "", tag: el.tagName.toLowerCase(),
          visible: el.matches(":focus-visible"), outline: style.outlineStyle};
}"""


def focused(page: Page) -> dict[str, Any]:
    return page.evaluate(FOCUS)


def assert_focus_visible(page: Page) -> None:
    state = focused(page)
    assert state["visible"] and state["outline"] != "none", f"no visible focus on {state}"


def test_a_step_is_answered_with_the_keyboard_only(
    page: Page, live_url: str, company: Any, draft: Assessment
) -> None:
    pks = codes(draft)
    first = f"q{pks['4.1.a']}_choice"
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/steps/4/")
    for _ in range(80):  # past the skip link, the header, the step navigation
        page.keyboard.press("Tab")
        if focused(page)["name"] == first:
            break
    state = focused(page)
    assert (state["name"], state["value"]) == (first, "yes"), f"Tab did not reach 4.1.a: {state}"
    assert_focus_visible(page)
    page.keyboard.press("Space")  # Yes
    page.keyboard.press("ArrowDown")  # Partly
    page.keyboard.press("Tab")
    page.keyboard.type("Only for the two largest targets.")
    page.keyboard.press("Tab")  # into the next radio group
    assert focused(page)["name"] == f"q{pks['4.1.b']}_choice"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # No
    page.keyboard.press("Tab")
    page.keyboard.type("We have no indicators yet.")
    page.keyboard.press("Tab")
    page.keyboard.type("Talk to workers earlier.")
    page.keyboard.press("Shift+Tab")  # back to the explanation of 4.1.b
    page.keyboard.press("Control+End")
    page.keyboard.type(" We start in the spring.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button" and focused(page)["name"] == "continue"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "save"
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Your answers have been saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Step 4: Track implementation and results")

    saved = {a.question.code: a for a in draft.answers.select_related("question")}
    assert (saved["4.1.a"].choice, saved["4.1.a"].text) == ("partly", "Only for the two largest targets.")
    assert (saved["4.1.b"].choice, saved["4.1.b"].text) == (
        "no",
        "We have no indicators yet. We start in the spring.",
    )
    assert saved["4.1.c"].text == "Talk to workers earlier."
    page.reload()
    expect(question(page, draft, "4.1.a").get_by_role("radio", name="Partly")).to_be_checked()
    expect(question(page, draft, "4.1.b").get_by_role("radio", name="No")).to_be_checked()


def test_step_detail_and_review_pages_are_accessible(
    page: Page, live_url: str, company: Any, draft: Assessment
) -> None:
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/steps/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Step 1: Embed responsible business conduct")
    assert_accessible(page, "step page")
    page.get_by_role("link", name="Back to the self-assessment").click()
    page.get_by_role("button", name="Send the self-assessment to the secretariat").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("required answers are not complete yet.")
    expect(summary).to_be_focused()
    expect(page.get_by_role("heading", name="Still to complete")).to_be_visible()
    expect(status(page)).to_have_text("Draft")
    assert_accessible(page, "detail page after a refused submission")
    logout(page, live_url)

    complete(company, draft)
    services.assessment_transition(actor=company, assessment_id=draft.pk, to=Assessment.Status.SUBMITTED)
    login(page, live_url, SECRETARIAT)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/review/")
    assert_accessible(page, "review page before the review starts")
    page.get_by_role("button", name="Start the review").click()
    expect(page.get_by_label("Overall feedback to the company")).to_be_visible()
    assert_accessible(page, "review page during the review")


def test_a_number_out_of_range_is_refused_and_the_typed_answers_stay(
    page: Page, live_url: str, company: Any, draft: Assessment
) -> None:
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/steps/2/")
    q = lambda code: question(page, draft, code)  # noqa: E731
    answer(q("2.1.a"), choice="Partly", text="Tier 2 is mapped for cotton only.")
    answer(q("2.1.b"), number="250", text="An estimate.")
    answer(q("2.1.d"), text="Living wage is our most salient risk.")
    page.get_by_role("button", name="Save", exact=True).click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a number from 0 to 100.")
    number = q("2.1.b").get_by_role("textbox").first
    expect(number).to_have_value("250")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(q("2.1.b").locator(".errorlist")).to_have_text("Error: Enter a number from 0 to 100.")
    expect(q("2.1.b").locator("textarea")).to_have_value("An estimate.")
    expect(q("2.1.a").get_by_role("radio", name="Partly")).to_be_checked()
    expect(q("2.1.a").locator("textarea")).to_have_value("Tier 2 is mapped for cotton only.")
    expect(q("2.1.d").locator("textarea")).to_have_value("Living wage is our most salient risk.")
    assert_accessible(page, "step page with an error")
    summary.get_by_role("link").first.click()
    expect(number).to_be_focused()


def test_answers_typed_when_the_session_expired_are_put_back_after_signing_in(
    page: Page, live_url: str, company: Any, draft: Assessment
) -> None:
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/steps/1/")
    answer(question(page, draft, "1.1.a"), choice="Partly", text="Typed while the session ran out.")
    # The session ends meanwhile (another tab signed out, or it expired): saving leads to the login page.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "/account/login/" in page.url
    login(page, live_url, company.email, PASSWORD)
    page.goto(f"{live_url}/en/due-diligence/assessments/{draft.pk}/steps/1/")
    block = question(page, draft, "1.1.a")
    expect(page.locator("#answers-restored")).to_be_visible()
    expect(block.locator("textarea")).to_have_value("Typed while the session ran out.")
    expect(block.get_by_role("radio", name="Partly", exact=True)).to_be_checked()
    assert not Answer.objects.filter(assessment=draft).exists()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    saved = Answer.objects.get(assessment=draft, question_id=codes(draft)["1.1.a"])
    assert (saved.choice, saved.text) == ("partly", "Typed while the session ran out.")
    # Saved: the kept copy is gone, so the next visit shows the page as stored and no note.
    page.reload()
    expect(page.locator("#answers-restored")).to_be_hidden()
