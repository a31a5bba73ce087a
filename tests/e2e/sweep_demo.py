"""The objects the accessibility sweep's pages point at (tests/e2e/sweep_pages.py), read from the demo
data (`seed_demo`), plus the few states the demo leaves out: an organisation waiting for approval, a
suspension review, a missed deadline, a draft framework, a location list in its preview, a job, two
report versions, and accounts for the columns without a demo account."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from django.core.files.base import ContentFile
from django.utils import timezone

from companies.models import LocationUpload, SignalRelay
from complaints.models import Complaint, Publication
from covenants.models import AnnualCycle, Membership, SteeringGroupMeeting
from duediligence import selectors as dd_selectors
from duediligence import services as dd_services
from duediligence.models import (
    Action,
    Assessment,
    Framework,
    MemberPerformance,
    Question,
    QuickScanIndication,
    Risk,
    SuspensionReview,
)
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.enquiries.models import Enquiry
from portal.jobs.services import job_create
from portal.reports.models import AnnualReport
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, user_with_role
from tests.permission_matrix import ANONYMOUS, PENDING

from .helpers import DEMO_PASSWORD
from .sweep_pages import GARMENTS, Demo

DEMO_ACCOUNTS = {
    "secretariat": "secretariat@demo.example",
    "committee": "committee@demo.example",
    "company": "company@demo.example",
    "government": "government@demo.example",
    "trade_union": "union@demo.example",
    "ngo": "ngo@demo.example",
}


def account(column: str) -> tuple[str, str] | None:
    """The e-mail address and password the column signs in with (None: not signed in)."""
    if column == ANONYMOUS:
        return None
    if column in DEMO_ACCOUNTS:
        return DEMO_ACCOUNTS[column], DEMO_PASSWORD
    if column == PENDING:
        user = cast(User, UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING)))
    else:
        user = user_with_role(Role(column))
    return str(user.email), PASSWORD


def _report_year() -> int:
    """Two finished versions of the garments report (rows only, no file), the first one published."""
    cycle = AnnualCycle.objects.filter(covenant__slug=GARMENTS).order_by("-year").first()
    assert cycle
    now = timezone.now()
    for version, published_at in ((1, now), (2, None)):
        AnnualReport.objects.get_or_create(
            covenant=cycle.covenant,
            year=cycle.year,
            language="en",
            version=version,
            defaults={
                "status": AnnualReport.Status.READY,
                "file": f"reports/accessibility-sweep-v{version}.pdf",
                "pages": 12,
                "size": 56_000,
                "generated_at": now,
                "published_at": published_at,
                "requested_by": User.objects.get(email=DEMO_ACCOUNTS["secretariat"]),
            },
        )
    return cycle.year


def _cases(**filters: object) -> list[str]:
    return list(Complaint.objects.filter(**filters).order_by("pk").values_list("reference", flat=True))


def _anonymous(demo: Demo) -> None:
    published = Publication.objects.select_related("complaint").first()
    assert published
    demo.published_ruling = published.complaint.reference
    _report_year()
    framework = (
        Framework.objects.filter(covenant__slug=GARMENTS, status=Framework.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )
    assert framework
    demo.framework_version = framework.version


def _missed_deadline(secretariat: User) -> dict[str, int]:
    """A member of an open cycle past its deadline without a sent self-assessment."""
    cycle = AnnualCycle.objects.filter(status=AnnualCycle.Status.OPEN).order_by("pk").first()
    assert cycle
    due = max(min(timezone.localdate() - timedelta(days=1), cycle.review_due), cycle.starts_on)
    AnnualCycle.objects.filter(pk=cycle.pk).update(self_assessment_due=due)
    missed = dd_selectors.missed_deadlines_for(secretariat)
    assert missed, "no member of the open cycle misses its deadline"
    return {"cycle_id": missed[0].cycle.pk, "company_id": missed[0].company_id}


def _secretariat(demo: Demo) -> None:
    secretariat = User.objects.get(email=DEMO_ACCOUNTS["secretariat"])
    membership = Membership.objects.filter(covenant__slug=GARMENTS, status=Membership.Status.ACTIVE).first()
    application = Membership.objects.filter(status=Membership.Status.APPLIED).first()
    cycle = AnnualCycle.objects.filter(covenant__slug=GARMENTS).first()
    meeting = SteeringGroupMeeting.objects.filter(covenant__slug=GARMENTS).first()
    waiting = Assessment.objects.filter(status="submitted").first()
    assert membership and application and cycle and meeting and waiting
    demo.membership, demo.application, demo.cycle, demo.meeting = (
        membership.pk,
        application.pk,
        cycle.pk,
        meeting.pk,
    )
    demo.submitted_assessment, demo.framework = waiting.pk, waiting.framework_id
    draft = dd_services.framework_copy(actor=secretariat, source=waiting.framework)
    demo.draft_question = Question.objects.filter(section__framework=draft).order_by("pk")[0].pk
    demo.pending_organisation = Organisation.objects.create(
        name="Wachtende Organisatie (demo)", kind=Role.NGO, status=Organisation.Status.PENDING
    ).pk
    demo.performance = MemberPerformance.objects.get().pk
    demo.suspension_review = SuspensionReview.objects.create(
        membership=membership, cycle=cycle, reason=SuspensionReview.Reason.MISSED_DEADLINE, note="Demo."
    ).pk
    demo.missed_deadline = _missed_deadline(secretariat)
    demo.action = Action.objects.order_by("pk").values_list("pk", flat=True)[0]
    demo.indication = QuickScanIndication.objects.order_by("pk").values_list("pk", flat=True)[0]
    demo.all_cases = _cases()
    demo.report_year = _report_year()
    enquiries = [Enquiry.objects.filter(status=status).first() for status in ("open", "answered")]
    assert all(enquiries)
    demo.open_enquiry, demo.answered_enquiry = (enquiry.pk for enquiry in enquiries if enquiry)


def _company(demo: Demo) -> None:
    user = User.objects.get(email=DEMO_ACCOUNTS["company"])
    company = user.organisation
    membership = Membership.objects.filter(company=company).first()
    draft = Assessment.objects.filter(company=company, status="draft").first()
    relay = SignalRelay.objects.filter(company=company).first()
    assert membership and draft and relay
    demo.membership, demo.draft_assessment, demo.relay = membership.pk, draft.pk, relay.pk
    demo.performance = MemberPerformance.objects.get().pk
    demo.risk = Risk.objects.filter(company=company).order_by("pk").values_list("pk", flat=True)[0]
    demo.action = Action.objects.filter(company=company).order_by("pk").values_list("pk", flat=True)[0]
    demo.company_cases = _cases(respondents__company=company, admitted_at__isnull=False)
    upload = LocationUpload(
        company=company,
        covenant=membership.covenant,
        uploaded_by=user,
        original_name="locaties.csv",
        sha256="0" * 64,
        status=LocationUpload.Status.PREVIEW,
        rows=2,
        valid=2,
    )
    upload.file.save("locaties.csv", ContentFile(b"name,address,country\n"), save=False)
    upload.results.save("rows.jsonl", ContentFile(b""), save=False)
    upload.save()
    demo.upload = upload.pk
    demo.job = job_create(owner=user, kind="export", title="Locaties (CSV)").pk


def prepare(column: str) -> Demo:
    """The demo objects of the column's pages (creating the missing states)."""
    demo = Demo()
    if column == ANONYMOUS:
        _anonymous(demo)
    elif column == "secretariat":
        _secretariat(demo)
    elif column == "company":
        _company(demo)
    elif column == "committee":
        demo.assigned_cases = _cases(assignments__member__email=DEMO_ACCOUNTS["committee"])
    elif column in ("ngo", "trade_union"):
        demo.own_cases = _cases(filed_by__email=DEMO_ACCOUNTS[column])
    return demo
