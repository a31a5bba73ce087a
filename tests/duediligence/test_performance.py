"""Public performance per member: the category rule, summary -> comment -> publication on the covenant
page, and the suspension review queue (two consecutive "needs improvement", an escalated deadline)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from covenants.models import AnnualCycle, Membership
from duediligence import services
from duediligence.models import Assessment, MemberPerformance, SuspensionReview
from duediligence.performance import Category, category_for
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
P = MemberPerformance.Status


@pytest.mark.parametrize(
    ("score", "category"),
    [
        (100, Category.LEADER),
        (75, Category.LEADER),
        (Decimal("74.99"), Category.GOOD),
        (50, Category.GOOD),
        (Decimal("49.99"), Category.NEEDS_IMPROVEMENT),
        (0, Category.NEEDS_IMPROVEMENT),
    ],
)
def test_the_category_follows_the_documented_rule(score, category):
    assert category_for(score) == category


def _accepted(company: Any, cycle: AnnualCycle, score: str) -> Assessment:
    return Assessment.objects.create(
        company=company.organisation,
        covenant=cycle.covenant,
        cycle=cycle,
        framework=cycle.framework_choice.framework,
        status=Assessment.Status.ACCEPTED,
        score=Decimal(score),
    )


def _publish(secretariat: Any, assessment: Assessment, *, comment_by: Any = None) -> MemberPerformance:
    performance = services.performance_open(assessment)
    services.performance_update(
        actor=secretariat, performance_id=performance.pk, summary_nl="Goed op weg.", summary_en="On its way."
    )
    services.performance_share(actor=secretariat, performance_id=performance.pk)
    if comment_by is not None:
        services.performance_comment(actor=comment_by, performance_id=performance.pk, comment="Thank you.")
    later = timezone.localdate() + timedelta(days=services.performance.COMMENT_DAYS + 1)
    return services.performance_publish(actor=secretariat, performance_id=performance.pk, today=later)


def _year(cycle: AnnualCycle, offset: int) -> AnnualCycle:
    other = AnnualCycleFactory(
        covenant=cycle.covenant, year=cycle.year + offset, status=AnnualCycle.Status.CLOSED
    )
    other.framework_choice = cycle.framework_choice  # type: ignore[attr-defined]
    return other


def test_accepting_a_review_opens_a_draft_with_its_category(cycle, company, secretariat):
    from .test_services import _answer_everything

    assessment = services.assessment_start(actor=company, cycle=cycle)
    _answer_everything(company, assessment)
    services.assessment_transition(actor=company, assessment_id=assessment.pk, to=Assessment.Status.SUBMITTED)
    services.review_start(actor=secretariat, assessment_id=assessment.pk)
    services.review_decide(actor=secretariat, assessment_id=assessment.pk, accept=True)
    performance = MemberPerformance.objects.get(assessment=assessment)
    assert (performance.status, performance.category, performance.score) == (
        P.DRAFT,
        "leader",
        Decimal("100"),
    )
    assert (performance.company_id, performance.year) == (company.organisation_id, cycle.year)


def test_summary_is_shared_commented_and_published_on_the_covenant_page(client, cycle, company, secretariat):
    performance = services.performance_open(_accepted(company, cycle, "61"))
    with pytest.raises(ValidationError) as missing:
        services.performance_share(actor=secretariat, performance_id=performance.pk)
    assert set(missing.value.message_dict) == {"summary_nl", "summary_en"}
    services.performance_update(
        actor=secretariat,
        performance_id=performance.pk,
        summary_nl="Sterk in stap 2.",
        summary_en="Strong in step 2.",
    )
    services.performance_share(actor=secretariat, performance_id=performance.pk)
    assert Notification.objects.filter(recipient=company, kind="performance.shared").count() == 1
    with pytest.raises(ValidationError):  # frozen once shared
        services.performance_update(
            actor=secretariat, performance_id=performance.pk, summary_nl="x", summary_en="y"
        )
    page = reverse("covenants:detail", kwargs={"slug": cycle.covenant.slug})
    assert "Strong in step 2." not in client.get(page).content.decode()  # shared is not public
    with pytest.raises(ValidationError):  # the company may still comment
        services.performance_publish(actor=secretariat, performance_id=performance.pk)
    services.performance_comment(
        actor=company, performance_id=performance.pk, comment="We agree with the findings."
    )
    services.performance_publish(actor=secretariat, performance_id=performance.pk)
    body = client.get(page).content.decode()
    assert "Strong in step 2." in body and "We agree with the findings." in body
    assert "Latest performance check" in body and "Good" in body
    dutch = client.get(page.replace("/en/", "/nl/", 1)).content.decode()
    assert "Sterk in stap 2." in dutch
    with pytest.raises(ValidationError):  # published is final
        services.performance_comment(actor=company, performance_id=performance.pk, comment="Changed.")


def test_publishing_after_the_comment_period_without_a_comment(cycle, company, secretariat):
    performance = _publish(secretariat, _accepted(company, cycle, "80"))
    assert performance.status == P.PUBLISHED and performance.company_comment == ""


def test_another_company_cannot_comment_or_read(client_for, cycle, company, secretariat):
    performance = services.performance_open(_accepted(company, cycle, "61"))
    url = reverse("duediligence:performance", kwargs={"pk": performance.pk})
    assert client_for(company).get(url).status_code == 404  # a draft is not shown to the company
    services.performance_update(
        actor=secretariat, performance_id=performance.pk, summary_nl="a", summary_en="b"
    )
    services.performance_share(actor=secretariat, performance_id=performance.pk)
    assert client_for(company).get(url).status_code == 200
    stranger = user_with_role(Role.COMPANY)
    assert client_for(stranger).post(url, {"comment": "Not ours."}).status_code == 404
    with pytest.raises(MemberPerformance.DoesNotExist):
        services.performance_comment(actor=stranger, performance_id=performance.pk, comment="Not ours.")


def test_a_too_long_comment_is_refused_next_to_the_field_and_kept(client_for, cycle, company, secretariat):
    performance = services.performance_open(_accepted(company, cycle, "61"))
    services.performance_update(
        actor=secretariat, performance_id=performance.pk, summary_nl="a", summary_en="b"
    )
    services.performance_share(actor=secretariat, performance_id=performance.pk)
    url = reverse("duediligence:performance", kwargs={"pk": performance.pk})
    typed = "word " * 400
    response = client_for(company).post(url, {"comment": typed})
    assert response.status_code == 200
    assert response.context["comment_form"].errors["comment"]
    assert typed.strip() in response.content.decode()
    response = client_for(company).post(url, {"comment": "Short and kind."})
    assert response.status_code == 302
    assert MemberPerformance.objects.get().company_comment == "Short and kind."


def test_two_consecutive_years_of_needs_improvement_open_one_suspension_review(cycle, company, secretariat):
    _publish(secretariat, _accepted(company, _year(cycle, -2), "30"))
    _publish(secretariat, _accepted(company, _year(cycle, -1), "70"))
    assert not SuspensionReview.objects.exists()  # not consecutive
    _publish(secretariat, _accepted(company, cycle, "45"), comment_by=company)
    assert not SuspensionReview.objects.exists()
    _publish(secretariat, _accepted(company, _year(cycle, 1), "40"))
    review = SuspensionReview.objects.get()
    assert review.reason == SuspensionReview.Reason.NEEDS_IMPROVEMENT
    assert review.membership == company.membership and review.cycle.year == cycle.year + 1
    assert Notification.objects.filter(recipient=secretariat, kind="suspension.review").count() == 1
    assert (
        Membership.objects.get(pk=company.membership.pk).status == Membership.Status.ACTIVE
    )  # people decide


def test_a_missed_deadline_is_escalated_once_and_only_after_the_deadline(
    client_for, cycle, company, secretariat
):
    due = cycle.self_assessment_due
    with pytest.raises(ValidationError):
        services.suspension_review_escalate(
            actor=secretariat, cycle_id=cycle.pk, company_id=company.organisation_id, note="Late.", today=due
        )
    after = due + timedelta(days=45)
    with pytest.raises(ValidationError) as no_note:
        services.suspension_review_escalate(
            actor=secretariat, cycle_id=cycle.pk, company_id=company.organisation_id, note=" ", today=after
        )
    assert "note" in no_note.value.message_dict
    review = services.suspension_review_escalate(
        actor=secretariat,
        cycle_id=cycle.pk,
        company_id=company.organisation_id,
        note="No answer to calls.",
        today=after,
    )
    assert (review.reason, review.opened_by) == (SuspensionReview.Reason.MISSED_DEADLINE, secretariat)
    with pytest.raises(ValidationError):
        services.suspension_review_escalate(
            actor=secretariat,
            cycle_id=cycle.pk,
            company_id=company.organisation_id,
            note="Again.",
            today=after,
        )
    with pytest.raises(PermissionDenied):
        services.suspension_review_escalate(
            actor=company, cycle_id=cycle.pk, company_id=company.organisation_id, note="Me.", today=after
        )


def test_the_queue_lists_missed_deadlines_and_the_decision_suspends_or_continues(
    client_for, cycle, company, secretariat
):
    if cycle.self_assessment_due >= timezone.localdate():
        AnnualCycle.objects.filter(pk=cycle.pk).update(
            self_assessment_due=timezone.localdate() - timedelta(days=40)
        )
    client = client_for(secretariat)
    queue = client.get(reverse("duediligence:suspension-reviews"))
    assert company.organisation.name in queue.content.decode()
    escalate = reverse(
        "duediligence:suspension-escalate",
        kwargs={"cycle_id": cycle.pk, "company_id": company.organisation_id},
    )
    assert client.post(escalate, {"note": ""}).context["form"].errors["note"]
    response = client.post(escalate, {"note": "Two reminders, no answer."})
    review = SuspensionReview.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/suspension-reviews/{review.pk}/")
    assert client.get(escalate).status_code == 200  # still listed, marked as on review
    decide = reverse("duediligence:suspension-review", kwargs={"pk": review.pk})
    refused = client.post(decide, {"decision": "suspend", "note": ""})
    assert refused.context["form"].errors["note"]
    assert Membership.objects.get(pk=company.membership.pk).status == Membership.Status.ACTIVE
    assert (
        client.post(decide, {"decision": "suspend", "note": "No self-assessment for a year."}).status_code
        == 302
    )
    assert Membership.objects.get(pk=company.membership.pk).status == Membership.Status.SUSPENDED
    review.refresh_from_db()
    assert (review.decision, review.decided_by) == ("suspend", secretariat)
    with pytest.raises(ValidationError):
        services.suspension_review_decide(
            actor=secretariat, review_id=review.pk, decision="continue", note="x"
        )


def test_the_covenant_page_shows_the_latest_published_check_in_a_fixed_number_of_queries(
    client, cycle, company, secretariat, django_assert_max_num_queries
):
    _publish(secretariat, _accepted(company, _year(cycle, -1), "30"))
    _publish(secretariat, _accepted(company, cycle, "90"))
    page = reverse("covenants:detail", kwargs={"slug": cycle.covenant.slug})
    with django_assert_max_num_queries(7):
        body = client.get(page).content.decode()
    assert "Leader" in body and f"({cycle.year})" in body and f"({cycle.year - 1})" not in body


@pytest.mark.parametrize("size", [2, 20])
def test_the_performance_list_and_the_suspension_queue_have_a_fixed_query_budget(
    client_for, cycle, company, secretariat, django_assert_max_num_queries, size
):
    for offset in range(size):
        other = user_with_role(Role.COMPANY)
        membership = MembershipFactory(company=other.organisation, covenant=cycle.covenant, active=True)
        performance = services.performance_open(_accepted(other, _year(cycle, -1 - offset), "40"))
        SuspensionReview.objects.create(
            membership=membership, cycle=cycle, reason=SuspensionReview.Reason.MISSED_DEADLINE
        )
        assert performance.pk
    client = client_for(secretariat)
    # session, user, organisation, unread notifications; count, page, and for the queue the missed deadlines.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("duediligence:performances")).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("duediligence:suspension-reviews")).status_code == 200
