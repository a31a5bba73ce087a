"""Every page, as the role that uses it, at phone and desktop width, in Dutch and English: axe-core
reports no serious or critical violation.

One test per role: it logs in once and keeps that browser context for every page, width and language,
and reports all findings together, so one run shows everything that is left to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page

from complaints.models import Complaint, Publication
from covenants.models import AnnualCycle, Membership, SteeringGroupMeeting
from duediligence.models import Assessment, MemberPerformance, QuickScanIndication, SuspensionReview
from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.enquiries.models import Enquiry
from portal.reports.models import AnnualReport

from .conftest import DEFAULT_TIMEOUT_MS
from .helpers import BLOCKING_IMPACTS, _axe, _format_violation, login

WIDTHS = [(390, 844), (1280, 900)]
PHONE_MENU_BELOW = 768  # px: the header's "Menu" button shows below 48rem
LANGUAGES = ["nl", "en"]
GARMENTS = "garments-textile"

PUBLIC_PAGES = [
    "/",
    "/accessibility/",
    "/privacy/",
    "/covenants/",
    f"/covenants/{GARMENTS}/",
    "/covenants/banking/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/complaints/file/",
    "/complaints/return/",
    "/contact/",
    "/complaints/rulings/",
    "/complaints/tracker/",
    f"/complaints/performance/{GARMENTS}/",
    "/reports/",
    f"/reports/{GARMENTS}/",
    "/due-diligence/quick-scan/",
    "/due-diligence/quick-scan/?sector=garments_textile&countries=BD&countries=IN&products=cotton",
    "/due-diligence/quick-scan/?sector=&countries=XX",
    "/news/",
    f"/news/?covenant={GARMENTS}",
    "/news/garments-living-wage/",
    "/search/",
    "/search/?q=wages",
    f"/publications/{GARMENTS}/",
]


def _report_versions() -> int:
    """Two finished versions of the garments report (rows only, no file): the first one published,
    so the report tables are on the pages. Returns their year, one of the covenant's cycles."""
    cycle = AnnualCycle.objects.filter(covenant__slug=GARMENTS).order_by("-year").first()
    author = User.objects.get(email="secretariat@demo.example")
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
                "requested_by": author,
            },
        )
    return cycle.year


def _public_pages() -> list[str]:
    published = Publication.objects.select_related("complaint").first()
    assert published
    _report_versions()
    return [*PUBLIC_PAGES, f"/complaints/rulings/{published.complaint.reference}/"]


def _case_pages(**filters: Any) -> list[str]:
    return [
        f"/complaints/cases/{ref}/"
        for ref in Complaint.objects.filter(**filters).values_list("reference", flat=True)
    ]


def _secretariat_pages() -> list[str]:
    membership = Membership.objects.filter(covenant__slug=GARMENTS, status=Membership.Status.ACTIVE).first()
    application = Membership.objects.filter(status=Membership.Status.APPLIED).first()
    cycle = AnnualCycle.objects.filter(covenant__slug=GARMENTS).first()
    meeting = SteeringGroupMeeting.objects.filter(covenant__slug=GARMENTS).first()
    waiting = Assessment.objects.filter(status="submitted").first()
    assert waiting
    pending = Organisation.objects.create(
        name="Wachtende Organisatie (demo)", kind=Role.NGO, status=Organisation.Status.PENDING
    )
    assert membership and application and cycle and meeting
    performance = MemberPerformance.objects.get()
    review = SuspensionReview.objects.create(
        membership=membership, cycle=cycle, reason=SuspensionReview.Reason.MISSED_DEADLINE, note="Demo."
    )
    report_year = _report_versions()
    enquiries = [Enquiry.objects.filter(status=status).first() for status in ("open", "answered")]
    assert all(enquiries)
    return [
        "/dashboard/home/secretariat/",
        "/dashboard/organisations/requests/",
        f"/dashboard/organisations/{pending.pk}/review/",
        "/notifications/",
        f"/covenants/{GARMENTS}/",
        "/covenants/manage/",
        "/covenants/manage/new/",
        "/covenants/applications/",
        "/covenants/memberships/",
        f"/covenants/memberships/{membership.pk}/",
        f"/covenants/memberships/{application.pk}/",
        "/covenants/cycles/",
        "/covenants/cycles/new/",
        f"/covenants/cycles/{cycle.pk}/",
        f"/covenants/{GARMENTS}/edit/",
        f"/covenants/{GARMENTS}/parties/",
        f"/covenants/{GARMENTS}/governance/",
        f"/covenants/{GARMENTS}/governance/meetings/new/",
        f"/covenants/{GARMENTS}/governance/meetings/{meeting.pk}/edit/",
        "/due-diligence/",
        f"/due-diligence/assessments/{waiting.pk}/",
        f"/due-diligence/assessments/{waiting.pk}/steps/2/",
        f"/due-diligence/assessments/{waiting.pk}/review/",
        "/due-diligence/frameworks/",
        f"/due-diligence/frameworks/{waiting.framework_id}/",
        "/due-diligence/risks/",
        "/due-diligence/actions/",
        "/due-diligence/performance/",
        f"/due-diligence/performance/{performance.pk}/",
        "/due-diligence/suspension-reviews/",
        f"/due-diligence/suspension-reviews/{review.pk}/",
        "/due-diligence/quick-scan/dataset/",
        "/due-diligence/quick-scan/dataset/new/",
        f"/due-diligence/quick-scan/dataset/{QuickScanIndication.objects.order_by('pk').values_list('pk', flat=True)[0]}/edit/",
        "/complaints/",
        "/complaints/?status=all",
        *_case_pages(),
        "/complaints/register/",
        "/dashboards/",
        f"/dashboards/covenants/{GARMENTS}/",
        f"/dashboards/government/{GARMENTS}/",
        "/complaints/access-log/",
        f"/complaints/settings/{GARMENTS}/",
        "/reports/",
        f"/reports/{GARMENTS}/",
        f"/reports/{GARMENTS}/{report_year}/foreword/",
        "/enquiries/",
        *(f"/enquiries/{enquiry.pk}/" for enquiry in enquiries if enquiry),
        "/news/manage/",
        "/news/manage/new/",
        "/news/manage/garments-living-wage/",
        "/news/garments-draft/",
    ]


def _company_pages() -> list[str]:
    membership = Membership.objects.filter(company__users__email="company@demo.example").first()
    draft = Assessment.objects.filter(company__users__email="company@demo.example", status="draft").first()
    assert membership and draft
    return [
        "/dashboard/home/company/",
        "/due-diligence/",
        f"/due-diligence/assessments/{draft.pk}/",
        f"/due-diligence/assessments/{draft.pk}/steps/1/",
        f"/due-diligence/assessments/{draft.pk}/steps/3/",
        "/notifications/",
        "/covenants/memberships/",
        "/covenants/memberships/apply/",
        f"/covenants/memberships/{membership.pk}/",
        f"/covenants/{GARMENTS}/",
        "/due-diligence/risks/",
        "/due-diligence/actions/",
        "/due-diligence/quick-scan/?sector=garments_textile&countries=BD",
        "/due-diligence/performance/",
        f"/due-diligence/performance/{MemberPerformance.objects.get().pk}/",
        "/complaints/",
        *_case_pages(respondents__company__users__email="company@demo.example", admitted_at__isnull=False),
    ]


def _party_pages(role: str, email: str = "") -> Callable[[], list[str]]:
    def pages() -> list[str]:
        paths = [f"/dashboard/home/{role}/", "/notifications/", f"/covenants/{GARMENTS}/"]
        if role in ("ngo", "trade_union"):
            paths += ["/complaints/", *_case_pages(filed_by__email=email)]
        if role == "government":
            paths += ["/dashboards/", f"/dashboards/government/{GARMENTS}/"]
        if role == "committee":
            paths += ["/complaints/", *_case_pages(assignments__member__email=email)]
        return paths

    return pages


ROLES: dict[str, tuple[str | None, Callable[[], list[str]]]] = {
    "public": (None, _public_pages),
    "secretariat": ("secretariat@demo.example", _secretariat_pages),
    "company": ("company@demo.example", _company_pages),
    "ngo": ("ngo@demo.example", _party_pages("ngo", "ngo@demo.example")),
    "trade_union": ("union@demo.example", _party_pages("trade_union", "union@demo.example")),
    "government": ("government@demo.example", _party_pages("government", "government@demo.example")),
    "committee": ("committee@demo.example", _party_pages("committee", "committee@demo.example")),
}


def _blocking(page: Page) -> list[dict[str, Any]]:
    return [v for v in _axe.run(page).response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_a_role_is_accessible_on_phone_and_desktop_in_both_languages(
    browser: Browser, live_url: str, seeded: None, role: str
) -> None:
    email, pages = ROLES[role]
    paths = pages()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    findings: list[str] = []
    try:
        if email:
            login(page, live_url, email)  # the session cookie serves every page below
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            for lang in LANGUAGES:
                for path in paths:
                    response = page.goto(f"{live_url}/{lang}{path}")
                    assert response is not None and response.status == 200, f"/{lang}{path}: {response}"
                    findings += [f"{width}px /{lang}{path}\n{_format_violation(v)}" for v in _blocking(page)]
                if width < PHONE_MENU_BELOW:
                    # The phone menu, opened: its links and buttons are checked too.
                    page.goto(f"{live_url}/{lang}{paths[0]}")
                    page.locator("summary.site-menu__button").click()
                    findings += [f"{width}px /{lang} menu\n{_format_violation(v)}" for v in _blocking(page)]
    finally:
        context.close()
    assert not findings, f"{len(findings)} serious/critical finding(s) for {role}:\n" + "\n".join(findings)
