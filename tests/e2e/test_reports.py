"""Annual reports in a real browser, made by the real Celery worker: the secretariat asks for a report,
follows its progress on the job page until the download link appears, downloads the PDF, publishes
the version after confirming, and an anonymous visitor then downloads it from the public list."""

from __future__ import annotations

import io
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import Browser, Page, Response, expect
from pypdf import PdfReader

from covenants.models import AnnualCycle
from portal.reports.models import AnnualReport

from .conftest import DEFAULT_TIMEOUT_MS, VIEWPORT
from .helpers import assert_accessible, login

pytestmark = pytest.mark.e2e

SECRETARIAT = "secretariat@demo.example"
COVENANT = "garments-textile"
COVENANT_NAME = "Dutch Agreement on Sustainable Garments and Textile (demo)"
#: The worker renders a tagged PDF/A of many pages: generous, so a slow machine does not fail.
REPORT_TIMEOUT_MS = 60_000
JOB_PATH = re.compile(r"/en/jobs/(\d+)/$")


def _pdf_text(content: bytes) -> str:
    """The PDF's text with every run of white space made one space (lines break inside names)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


@contextmanager
def _paused(worker: SimpleNamespace) -> Iterator[None]:
    """The worker (one process, --pool=solo) stops taking tasks until the block ends, as when the
    queue is busy: the job page is seen waiting whatever the machine's speed."""
    os.kill(worker.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(worker.process.pid, signal.SIGCONT)


@pytest.fixture
def report_files(transactional_db: None) -> Iterator[None]:
    """The worker writes the PDFs into the shared test MEDIA_ROOT: remove this test's files again."""
    before = set(AnnualReport.objects.values_list("pk", flat=True))
    yield
    for name in AnnualReport.objects.exclude(pk__in=before).exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)


def test_secretariat_makes_follows_downloads_and_publishes_an_annual_report(
    page: Page,
    browser: Browser,
    live_url: str,
    seeded: None,
    celery_live: SimpleNamespace,
    report_files: None,
    tmp_path: Path,
) -> None:
    year = (
        AnnualCycle.objects.filter(covenant__slug=COVENANT).order_by("-year").values_list("year", flat=True)
    ).first()
    assert year is not None, "the demo data has no annual cycle for the covenant"

    login(page, live_url, SECRETARIAT)
    page.goto(f"{live_url}/en/reports/{COVENANT}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual reports of {COVENANT_NAME}")
    assert_accessible(page, "the covenant's reports page")

    # Ask for the English report of the latest year.
    form = page.locator("main form").filter(has=page.get_by_role("button", name="Make the report"))
    form.get_by_label("Year").select_option(str(year))
    form.get_by_label("Language of the report").select_option("en")
    # Every answer of the job page (the page itself, then each htmx poll), in order.
    job_answers: list[Response] = []
    page.on("response", lambda r: job_answers.append(r) if JOB_PATH.search(r.url) else None)
    status = page.get_by_role("status")
    progress = status.locator("progress")
    link = status.get_by_role("link", name=re.compile(r"^Download "))
    with _paused(celery_live):
        form.get_by_role("button", name="Make the report").click()
        page.wait_for_url(JOB_PATH)
        # The job page shows the progress in a live region, and no link while the report waits.
        expect(status).to_be_visible()
        expect(status).to_contain_text("Waiting")
        expect(progress).to_be_visible()
        expect(progress).to_have_accessible_name("Progress")
        expect(link).to_have_count(0)
        assert_accessible(page, "the job page while the report waits")
        # The region polls itself (htmx, every 2 s) and stays as it is while nothing happens.
        with page.expect_response(
            lambda r: bool(JOB_PATH.search(r.url)) and r.request.headers.get("hx-request") == "true"
        ):
            pass
        expect(progress).to_be_visible()
        expect(link).to_have_count(0)

    # The worker finishes: the poll replaces the region, now with the link to the version's file.
    expect(link).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    report = AnnualReport.objects.select_related("covenant").get(covenant__slug=COVENANT, year=year)
    assert report.status == AnnualReport.Status.READY and report.language == "en" and report.version == 1
    expect(link).to_have_text(f"Download {report.filename}")
    expect(link).to_have_attribute("href", f"/en/reports/download/{report.pk}/")
    expect(progress).to_have_attribute("value", "100")
    expect(status).to_contain_text("Done")
    # It got there by polling: the page itself, then htmx answers, only the last with the link.
    assert len(job_answers) >= 3, [r.url for r in job_answers]
    bodies = [answer.text() for answer in job_answers]
    assert all("<progress" in body for body in bodies)
    assert ["/reports/download/" in body for body in bodies] == [False] * (len(bodies) - 1) + [True]
    assert_accessible(page, "the job page with the finished report")

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == report.filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert COVENANT_NAME in text and "Contents" in text

    # Not published yet: an anonymous visitor gets nothing.
    anonymous = browser.new_context(viewport=VIEWPORT)
    anonymous.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        assert anonymous.request.get(f"{live_url}/en/reports/download/{report.pk}/").status == 404

        # Publish the version through the confirmation page.
        page.goto(f"{live_url}/en/reports/{COVENANT}/")
        page.get_by_role("button", name=f"Publish {year}, English, version 1").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Publish this annual report?")
        expect(page.locator("main .facts")).to_contain_text(COVENANT_NAME)
        assert_accessible(page, "the confirmation of the publication")
        page.get_by_role("button", name="Publish", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("The annual report has been published.")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual reports of {COVENANT_NAME}")
        expect(page.get_by_role("button", name=f"Publish {year}, English, version 1")).to_have_count(0)

        # Everybody finds it on the public list and downloads the same file.
        public = anonymous.new_page()
        public.goto(f"{live_url}/en/reports/")
        row = public.locator("tbody tr").filter(has_text=COVENANT_NAME)
        public_link = row.get_by_role("link", name=re.compile(rf"^PDF {year}, English, version 1 "))
        expect(public_link).to_have_attribute("href", f"/en/reports/download/{report.pk}/")
        assert_accessible(public, "the public list of annual reports")
        with public.expect_download() as public_info:
            public_link.click()
        public_saved = tmp_path / f"public-{public_info.value.suggested_filename}"
        public_info.value.save_as(public_saved)
        assert public_info.value.suggested_filename == report.filename
        assert public_saved.read_bytes() == content
    finally:
        anonymous.close()
