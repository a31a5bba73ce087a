"""Scale data for complaints: cases about the scale members across the years (`manage.py seed_scale`;
see portal/core/scale_data.py). Most complaints concern a small share of the companies; about a third are
still running (some past their stage's time frame), the rest ended: closed, settled, inadmissible or
withdrawn. A quarter are anonymous; the others have a protected complainant identity."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from covenants.models import Membership
from portal.core.bulk_insert import insert_rows
from portal.core.scale_data import SCALE_DOMAIN, Log, ScalePlan, skewed_counts, weighted

from . import receipt
from .models import ComplainantIdentity, Complaint, StageRecord
from .status import CaseStatus, stage_of

S = CaseStatus
STATUSES = [(S.RECEIVED, 4), (S.ACKNOWLEDGED, 3), (S.ADMISSIBILITY, 5), (S.ADMISSIBLE, 2), (S.REPLY, 4),
            (S.MEDIATION, 6), (S.HEARING, 3), (S.RULING, 2), (S.FOLLOW_UP, 5), (S.CLOSED, 40), (S.SETTLED, 10),
            (S.INADMISSIBLE, 12), (S.WITHDRAWN, 4)]  # fmt: skip
FILERS = [("worker", 35), ("representative", 10), ("union", 20), ("ngo", 25), ("party", 3), ("other", 7)]
LANGUAGES = [("nl", 30), ("en", 45), ("bn", 10), ("tr", 5), ("hi", 5), ("vi", 5)]
STORIES = [
    "Overtime in the night shift was not paid for three months.",
    "Workers who joined the union were dismissed the week after.",
    "The emergency exits of the sewing floor were locked during working hours.",
    "Wages stayed below the legal minimum wage after the raise.",
    "Waste water from the dyeing unit runs into the river next to the village.",
]
FINAL = {S.CLOSED, S.SETTLED, S.INADMISSIBLE, S.WITHDRAWN}


def seed(plan: ScalePlan, *, log: Log) -> str:
    if Complaint.objects.filter(reference__startswith="SC-").exists():
        return "already there"
    members = list(
        Membership.objects.filter(contact_email__endswith=f"@{SCALE_DOMAIN}", status__in=["active", "ended"])
        .order_by("pk")
        .values_list("company_id", "covenant_id")
    )
    if not members or not plan.complaints:
        return "no scale members (the covenants' scale data comes first)"
    rng = plan.rng("complaints")
    now = timezone.now()
    per_member = skewed_counts(plan.complaints, len(members), rng, alpha=0.9)
    cases: list[Complaint] = []
    for (company_id, covenant_id), count in zip(members, per_member, strict=True):
        for _ in range(count):
            (status,) = weighted(rng, STATUSES)
            created = now - timedelta(days=rng.randrange(1, 5 * 365), minutes=rng.randrange(1440))
            ended = status in FINAL
            anonymous = rng.random() < 0.25
            cases.append(
                Complaint(reference=f"SC-{len(cases):06d}", covenant_id=covenant_id, company_id=company_id,
                          status=status, status_changed_at=created + timedelta(days=rng.randrange(0, 60)),
                          filer=weighted(rng, FILERS)[0], language=weighted(rng, LANGUAGES)[0],
                          what_happened=rng.choice(STORIES), anonymous=anonymous,
                          receipt_digest=receipt.digest(receipt.generate()) if anonymous else "",
                          share_identity=rng.random() < 0.3, created_at=created,
                          closed_at=created + timedelta(days=rng.randrange(20, 400)) if ended else None)
            )  # fmt: skip
    Complaint.objects.bulk_create(cases, batch_size=2000)
    identities = [
        (case.pk, f"Complainant {n:05d}", f"complainant{n:05d}@{SCALE_DOMAIN}")
        for n, case in enumerate(cases)
        if not case.anonymous
    ]
    insert_rows(ComplainantIdentity, ["complaint_id", "name", "email"], identities)
    stages = []
    for case in cases:
        stage = stage_of(case.status)
        if stage is None:
            continue
        started = max(case.created_at, now - timedelta(days=rng.randrange(1, 200)))
        stages.append((case.pk, stage, started, started + timedelta(days=rng.randrange(14, 180))))
    insert_rows(StageRecord, ["complaint_id", "stage", "started_at", "due_at"], stages)
    return f"{len(cases)} complaints, {len(identities)} identities, {len(stages)} running stages"
