"""Every read of complaint cases that has rules (see `complaints.permissions` for who sees what).

The case file is assembled per reader: messages and documents by their visibility, the respondents
hidden from the complainant of a location complaint, the identity never here (only through
`services.identity_read`, which logs the read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from covenants.models import ComplaintStage, Covenant
from portal.accounts.roles import Role, role_of

from . import receipt
from .models import (
    CommitteeAssignment,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
    Document,
    Feedback,
    FollowUpReport,
    IdentityAccess,
    Message,
    Party,
    Publication,
    Recommendation,
    Ruling,
    StageRecord,
    Visibility,
)
from .permissions import ReceiptHolder, party_of, visible_q
from .services import stages
from .status import FINAL, CaseStatus, is_open

STAFF = frozenset({Party.SECRETARIAT, Party.COMMITTEE})


def _with_due(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    open_stage = StageRecord.objects.filter(complaint=OuterRef("pk"), ended_at__isnull=True)
    return queryset.annotate(
        stage_due_at=Subquery(open_stage.values("due_at")[:1]),
        stage_code=Subquery(open_stage.values("stage")[:1]),
    )


def complaint_list_for(user: Any, *, status: str = "", covenant_id: int | None = None) -> QuerySet[Complaint]:
    """The cases `user` may open, newest first, with the running stage's due date (one query)."""
    condition = visible_q(user)
    if condition is None:
        return Complaint.objects.none()
    # The condition may join (parties, assignments): a semi-join keeps one row per case without a
    # DISTINCT over every column, which sorted all 10,000 cases of a covenant on each request.
    visible = Complaint.objects.filter(condition).values("pk")
    cases = Complaint.objects.filter(pk__in=visible).select_related("covenant", "company")
    if status == "open":
        cases = cases.exclude(status__in=FINAL)
    elif status in CaseStatus.values:
        cases = cases.filter(status=status)
    if covenant_id:
        cases = cases.filter(covenant_id=covenant_id)
    return _with_due(cases).order_by("-created_at", "-pk")


def complaint_get_for(actor: Any, reference: str) -> tuple[Complaint, Party]:
    """The case and the reader's capacity in it; Complaint.DoesNotExist (404) for anyone without access."""
    complaint = (
        Complaint.objects.select_related("covenant", "company", "location", "filed_by")
        .filter(reference=reference)
        .first()
    )
    party = party_of(actor, complaint) if complaint is not None else None
    if complaint is None or party is None:
        raise Complaint.DoesNotExist
    return complaint, party


def complaint_by_code(code: str) -> Complaint | None:
    """The case a (normalised, valid) receipt code belongs to, under the current or a fallback key."""
    return Complaint.objects.filter(receipt_digest__in=receipt.digests(code)).first()


def holder_for(session: Any, reference: str) -> ReceiptHolder | None:
    """The receipt holder of this browser session for the case, if the code was typed here."""
    granted = session.get("complaint_access") or {}
    entry = granted.get(reference)
    if not entry or entry.get("until", 0) < timezone.now().timestamp():
        return None
    return ReceiptHolder(complaint_id=int(entry["id"]))


@dataclass
class CaseFile:
    complaint: Complaint
    party: Party
    events: list[ComplaintEvent]
    messages: list[Message]
    documents: list[Document]
    respondents: list[Any]
    assignments: list[CommitteeAssignment]
    stage: StageRecord | None
    due_at: datetime | None
    ruling: Ruling | None
    recommendations: list[Recommendation]
    follow_ups: list[FollowUpReport]
    themes: list[Any]
    feedback: Feedback | None
    publication: Publication | None
    next_steps: list[str] = field(default_factory=list)

    @property
    def is_staff(self) -> bool:
        return self.party in STAFF

    @property
    def is_open(self) -> bool:
        return is_open(self.complaint.status)


def _visible(party: Party) -> list[str]:
    return [Visibility.PARTIES, Visibility.INTERNAL] if party in STAFF else [Visibility.PARTIES]


def case_file_for(complaint: Complaint, party: Party) -> CaseFile:
    """The case as `party` may read it, in a fixed number of queries."""
    visible = _visible(party)
    staff = party in STAFF
    stage = StageRecord.objects.filter(complaint=complaint, ended_at__isnull=True).first()
    ruling = Ruling.objects.filter(complaint=complaint).first()
    # The complainant of a location complaint is never told which members it was routed to.
    show_respondents = staff or party == Party.RESPONDENT or complaint.company_id is not None
    respondents = (
        list(complaint.respondents.select_related("company").order_by("company__name"))
        if show_respondents
        else []
    )
    events = list(ComplaintEvent.objects.filter(complaint=complaint).select_related("actor__organisation"))
    return CaseFile(
        complaint=complaint,
        party=party,
        events=events,
        messages=list(
            Message.objects.filter(complaint=complaint, visibility__in=visible).select_related(
                "author__organisation"
            )
        ),
        documents=list(Document.objects.filter(complaint=complaint, visibility__in=visible)),
        respondents=respondents,
        assignments=(
            list(CommitteeAssignment.objects.filter(complaint=complaint).select_related("member"))
            if staff
            else []
        ),
        stage=stage,
        due_at=stages.due_at(complaint, stage),
        ruling=ruling,
        recommendations=(
            list(Recommendation.objects.filter(ruling=ruling).select_related("company")) if ruling else []
        ),
        follow_ups=list(FollowUpReport.objects.filter(complaint=complaint).select_related("company")),
        themes=list(complaint.themes.all()),
        feedback=Feedback.objects.filter(complaint=complaint).first()
        if party in (Party.COMPLAINANT, *STAFF)
        else None,
        publication=Publication.objects.filter(complaint=complaint).first(),
    )


def document_get_for(actor: Any, reference: str, document_id: int) -> Document:
    complaint, party = complaint_get_for(actor, reference)
    return Document.objects.get(complaint=complaint, pk=document_id, visibility__in=_visible(party))


def identity_access_list_for(user: Any) -> QuerySet[IdentityAccess]:
    """The access log of complainants' identities (the secretariat only)."""
    if role_of(user) != Role.SECRETARIAT:
        return IdentityAccess.objects.none()
    return IdentityAccess.objects.select_related("complaint", "reader__organisation").order_by(
        "-read_at", "-pk"
    )


# --- public --------------------------------------------------------------------------------------


def publication_list() -> QuerySet[Publication]:
    """Published cases, newest first (public)."""
    return Publication.objects.select_related(
        "complaint__covenant", "complaint__company", "complaint__ruling"
    )


def publication_get(reference: str) -> Publication:
    return publication_list().get(complaint__reference=reference)


def tracker_list() -> QuerySet[Complaint]:
    """Running cases of the covenants that publish a tracker, with the public fields only."""
    covenants = ComplaintSettings.objects.filter(public_tracker=True).values("covenant_id")
    cases = (
        Complaint.objects.filter(covenant_id__in=covenants, admitted_at__isnull=False)
        .exclude(status__in=FINAL)
        .select_related("covenant", "company")
        .prefetch_related(Prefetch("themes"))
        .only(
            "reference", "created_at", "filer", "status", "covenant", "company", "admitted_at", "paused_since"
        )
    )
    return _with_due(cases).order_by("-created_at", "-pk")


@dataclass
class Performance:
    covenant: Covenant
    year: int
    received: int
    admissible: int
    settled: int
    ruled: int
    median_days: list[tuple[str, float | None]]
    within_frame: float | None
    satisfaction: float | None
    answers: int


def performance_for(covenant: Covenant, year: int) -> Performance:
    """The mechanism's figures for the cases filed in `year` (public, aggregated only)."""
    cases = Complaint.objects.filter(covenant=covenant, created_at__year=year)
    counts = cases.aggregate(
        received=Count("pk"),
        admissible=Count("pk", filter=Q(admitted_at__isnull=False)),
        settled=Count("pk", filter=Q(status=CaseStatus.SETTLED)),
        ruled=Count("ruling"),
    )
    records = list(
        StageRecord.objects.filter(complaint__in=cases, ended_at__isnull=False).values_list(
            "stage", "started_at", "ended_at", "due_at", "paused_seconds"
        )
    )
    per_stage: dict[str, list[float]] = {}
    within = 0
    for stage, started, ended, due, paused in records:
        assert ended is not None  # filtered above
        per_stage.setdefault(stage, []).append(((ended - started).total_seconds() - paused) / 86400)
        within += ended <= due
    feedback = Feedback.objects.filter(complaint__in=cases).values_list("satisfaction", flat=True)
    answers = list(feedback)
    return Performance(
        covenant=covenant,
        year=year,
        received=counts["received"],
        admissible=counts["admissible"],
        settled=counts["settled"],
        ruled=counts["ruled"],
        median_days=[
            (str(stage.label), round(median(per_stage[stage]), 1) if per_stage.get(stage) else None)
            for stage in ComplaintStage
        ],
        within_frame=round(100 * within / len(records)) if records else None,
        satisfaction=round(sum(answers) / len(answers), 1) if answers else None,
        answers=len(answers),
    )


def performance_years(covenant: Covenant) -> list[int]:
    years = Complaint.objects.filter(covenant=covenant).dates("created_at", "year", order="DESC")
    return [day.year for day in years] or [timezone.localdate().year]
