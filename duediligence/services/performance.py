"""Public performance per member and the suspension review queue (see `duediligence.performance`).

draft (the secretariat writes the summary) -> shared (the company may comment until the comment date)
-> published (frozen; shown on the covenant page). Publishing a second consecutive "needs improvement",
or the secretariat escalating a missed deadline, opens a suspension review; a person decides it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from covenants import fragments
from covenants.models import AnnualCycle, Membership
from covenants.notifications import covenant_name
from covenants.services.memberships import membership_suspend
from portal.audit.services import audit_record
from portal.notifications.services import notification_enqueue

from ..models import Assessment, MemberPerformance, SuspensionReview
from ..models.performance import COMMENT_MAX, SUMMARY_MAX
from ..performance import Category, category_for
from ._common import company_users, require_company, require_secretariat, secretariat_users

Status = MemberPerformance.Status
#: Days the company has to comment on a shared summary.
COMMENT_DAYS = 14
#: The memberships a suspension review can concern.
MEMBER_STATUSES = (Membership.Status.ACTIVE, Membership.Status.SUSPENDED)


def performance_open(assessment: Assessment) -> MemberPerformance:
    """The draft performance of an accepted assessment (once; called when the review accepts it)."""
    performance, _created = MemberPerformance.objects.get_or_create(
        assessment=assessment,
        defaults={
            "company_id": assessment.company_id,
            "covenant_id": assessment.covenant_id,
            "year": assessment.cycle.year,
            "score": assessment.score,
            "category": category_for(assessment.score or 0),
        },
    )
    return performance


def _locked(performance_id: int) -> MemberPerformance:
    return (
        MemberPerformance.objects.select_for_update()
        .select_related("covenant", "company")
        .get(pk=performance_id)
    )


def _notify_company(performance: MemberPerformance, kind: str, **params: Any) -> None:
    notification_enqueue(
        recipients=company_users([performance.company_id]),
        kind=kind,
        params={"covenant": covenant_name(performance.covenant), "year": performance.year, **params},
        url=reverse("duediligence:performance", kwargs={"pk": performance.pk}),
    )


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(
            {field: ValidationError(_("Keep this under %(limit)s characters."), params={"limit": limit})}
        )


@transaction.atomic
def performance_update(
    *, actor: Any, performance_id: int, summary_nl: str, summary_en: str
) -> MemberPerformance:
    """The secretariat writes the public summary, in both languages, while the performance is a draft."""
    require_secretariat(actor)
    performance = _locked(performance_id)
    if performance.status != Status.DRAFT:
        raise ValidationError(_("The summary was shared with the company and can no longer be changed."))
    summary_nl, summary_en = summary_nl.strip(), summary_en.strip()
    _check_length("summary_nl", summary_nl, SUMMARY_MAX)
    _check_length("summary_en", summary_en, SUMMARY_MAX)
    performance.summary_nl, performance.summary_en = summary_nl, summary_en
    performance.save(update_fields=["summary_nl", "summary_en", "updated_at"])
    return performance


@transaction.atomic
def performance_share(*, actor: Any, performance_id: int) -> MemberPerformance:
    """Send the summary to the company for comment; it may comment for `COMMENT_DAYS` days."""
    require_secretariat(actor)
    performance = _locked(performance_id)
    if performance.status != Status.DRAFT:
        raise ValidationError(_("This summary has already been shared with the company."))
    missing = {
        field: _("Write the summary in this language before sharing it.")
        for field in ("summary_nl", "summary_en")
        if not getattr(performance, field)
    }
    if missing:
        raise ValidationError(missing)
    performance.status = Status.SHARED
    performance.shared_at = timezone.now()
    performance.comment_due = timezone.localdate() + timedelta(days=COMMENT_DAYS)
    performance.save(update_fields=["status", "shared_at", "comment_due", "updated_at"])
    audit_record(actor=actor, action="performance.shared", target=performance)
    _notify_company(performance, "performance.shared", date=formats.date_format(performance.comment_due))
    return performance


@transaction.atomic
def performance_comment(*, actor: Any, performance_id: int, comment: str) -> MemberPerformance:
    """The company comments on its shared summary (an empty comment withdraws it) until publication."""
    company_id = require_company(actor)
    performance = _locked(performance_id)
    if performance.company_id != company_id:
        raise MemberPerformance.DoesNotExist
    if performance.status != Status.SHARED:
        raise ValidationError(_("This summary is not open for comment."))
    comment = comment.strip()
    _check_length("company_comment", comment, COMMENT_MAX)
    performance.company_comment = comment
    performance.commented_at = timezone.now() if comment else None
    performance.save(update_fields=["company_comment", "commented_at", "updated_at"])
    audit_record(actor=actor, action="performance.commented", target=performance)
    return performance


@transaction.atomic
def performance_publish(*, actor: Any, performance_id: int, today: date | None = None) -> MemberPerformance:
    """Publish summary and comment, once the company commented or its comment period ended."""
    require_secretariat(actor)
    performance = _locked(performance_id)
    today = today or timezone.localdate()
    if performance.status != Status.SHARED:
        raise ValidationError(_("Share the summary with the company before publishing it."))
    if performance.comment_period_open(today):
        raise ValidationError(
            _("The company may comment until %(date)s; publish after that, or once it has commented."),
            params={"date": formats.date_format(performance.comment_due or today)},
        )
    performance.status = Status.PUBLISHED
    performance.published_at = timezone.now()
    performance.published_by = actor
    performance.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_record(actor=actor, action="performance.published", target=performance)
    _notify_company(performance, "performance.published")
    _check_consecutive(performance)
    fragments.bump()
    return performance


def _check_consecutive(performance: MemberPerformance) -> None:
    """Two published "needs improvement" in consecutive years open a suspension review."""
    if performance.category != Category.NEEDS_IMPROVEMENT:
        return
    neighbours = MemberPerformance.objects.filter(
        company_id=performance.company_id,
        covenant_id=performance.covenant_id,
        status=Status.PUBLISHED,
        category=Category.NEEDS_IMPROVEMENT,
        year__in=[performance.year - 1, performance.year + 1],
    ).exclude(pk=performance.pk)
    if not neighbours.exists():
        return
    membership = (
        Membership.objects.filter(status__in=MEMBER_STATUSES)
        .filter(company_id=performance.company_id, covenant_id=performance.covenant_id)
        .first()
    )
    if membership is None:
        return
    _open_review(
        membership=membership,
        cycle=performance.assessment.cycle,
        reason=SuspensionReview.Reason.NEEDS_IMPROVEMENT,
        actor=None,
    )


def _open_review(*, membership: Membership, cycle: AnnualCycle, reason: str, actor: Any,
                 note: str = "") -> SuspensionReview | None:  # fmt: skip
    """A new review in the queue (and a word to the secretariat); None when one was opened before."""
    try:
        with transaction.atomic():
            review = SuspensionReview.objects.create(
                membership=membership, cycle=cycle, reason=reason, note=note, opened_by=actor
            )
    except IntegrityError:
        return None
    notification_enqueue(
        recipients=secretariat_users(),
        kind="suspension.review",
        params={"company": membership.company.name, "covenant": covenant_name(membership.covenant)},
        url=reverse("duediligence:suspension-review", kwargs={"pk": review.pk}),
    )
    return review


@transaction.atomic
def suspension_review_escalate(*, actor: Any, cycle_id: int, company_id: int, note: str,
                               today: date | None = None) -> SuspensionReview:  # fmt: skip
    """The secretariat escalates a member that missed the cycle's deadline to a suspension review."""
    require_secretariat(actor)
    today = today or timezone.localdate()
    cycle = AnnualCycle.objects.select_related("covenant").get(pk=cycle_id)
    membership = (
        Membership.objects.filter(status__in=MEMBER_STATUSES)
        .select_related("company", "covenant")
        .get(company_id=company_id, covenant_id=cycle.covenant_id)
    )
    if not note.strip():
        raise ValidationError({"note": _("Say why this member is escalated.")})
    if cycle.self_assessment_due >= today:
        raise ValidationError(_("The deadline of this cycle has not passed yet."))
    sent = Assessment.objects.filter(cycle=cycle, company_id=company_id).exclude(
        status=Assessment.Status.DRAFT
    )
    if sent.exists():
        raise ValidationError(_("This member has submitted its self-assessment."))
    review = _open_review(
        membership=membership,
        cycle=cycle,
        reason=SuspensionReview.Reason.MISSED_DEADLINE,
        actor=actor,
        note=note.strip(),
    )
    if review is None:
        raise ValidationError(_("This member is already on a suspension review for this cycle."))
    audit_record(actor=actor, action="suspension.escalated", target=review, note=note.strip())
    return review


@transaction.atomic
def suspension_review_decide(*, actor: Any, review_id: int, decision: str, note: str) -> SuspensionReview:
    """Record the secretariat's decision and its reasons; "suspend" suspends the membership today."""
    require_secretariat(actor)
    review = SuspensionReview.objects.select_for_update().get(pk=review_id)
    if not review.is_open:
        raise ValidationError(_("This review has been decided."))
    if decision not in SuspensionReview.Decision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if not note.strip():
        raise ValidationError({"note": _("Give the reasons for the decision.")})
    if decision == SuspensionReview.Decision.SUSPEND:
        try:
            membership_suspend(actor=actor, membership_id=review.membership_id, note=note.strip())
        except ValidationError as exc:
            raise ValidationError({"decision": exc.messages}) from exc
    review.decision, review.decision_note = decision, note.strip()
    review.decided_by, review.decided_at = actor, timezone.now()
    review.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
    audit_record(actor=actor, action="suspension.decided", target=review, note=decision)
    return review
