"""A worker killed (SIGKILL, the whole process group) in the middle of an annual report and of a large
location upload: a new worker finishes each job exactly once, with no duplicate rows and no half file.

The killed task's message would come back only after the broker's visibility timeout (an hour); the
jobs sweep (`portal.jobs.tasks.job_requeue_orphans`, every minute on beat, sent by hand here) finds
the running jobs whose worker no longer answers and queues their task again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from companies.models import LocationUpload, ProductionLocation, SupplyLink
from portal.jobs.models import Job
from portal.reports.models import AnnualReport
from tests.factories import PASSWORD
from tests.reports.helpers import YEAR, report_world

from .stack import Service, Stack, send_task, task_count, wait_until
from .web import Browser

pytestmark = [pytest.mark.faults]

REQUEUE = "portal.jobs.tasks.job_requeue_orphans"
ROWS = 2000  # matching and saving them takes seconds: time enough to kill the worker halfway


def kill_while_running(job_id: int, worker: Service, *, between: tuple[int, int]) -> Job:
    """SIGKILL the worker as soon as the job runs with progress in `between`; the job as it was left."""
    low, high = between
    wait_until(
        lambda: Job.objects.filter(
            pk=job_id, status=Job.Status.RUNNING, progress__gte=low, progress__lte=high
        ).exists(),
        timeout=90,
        interval=0.02,
        what=f"job {job_id} running between {low} and {high} %",
    )
    worker.kill()
    job = Job.objects.get(pk=job_id)
    assert job.status == Job.Status.RUNNING, f"the job ended before the worker was killed: {job.status}"
    return job


def resume(stack: Stack, env: dict[str, str], broker_url: str, job_id: int, name: str) -> Service:
    """A new worker, and the sweep that queues the dead worker's job again; returns once it is done."""
    worker = stack.worker(env, name=name)
    send_task(broker_url, REQUEUE, quiet_seconds=0)
    wait_until(
        lambda: Job.objects.filter(pk=job_id, status__in=[Job.Status.DONE, Job.Status.FAILED]).exists(),
        timeout=120,
        what=f"job {job_id} finished by the new worker",
    )
    return worker


def location_csv(rows: int) -> bytes:
    lines = ["name,address,city,country,tier,product categories,first year,last year,show publicly"]
    for n in range(rows):
        tag = hashlib.sha256(str(n).encode()).hexdigest()
        lines.append(f"Mill {tag[:12]},Plot {n} Zone {tag[12:18]},Dhaka,BD,1,Apparel,2020,2024,yes")
    return ("\r\n".join(lines) + "\r\n").encode()


def partial_files(media: Path) -> list[Path]:
    return list(media.rglob(".partial-*")) if media.exists() else []


def test_a_killed_worker_leaves_no_duplicate_and_no_half_file(
    stack: Stack, portal_env: Callable[..., dict[str, str]], tmp_path
):
    cast = report_world(members=10)
    redis = stack.redis()
    broker = redis.url(1)
    env = portal_env(redis_url=redis.url(0), broker_url=broker, email_url=f"filemail://{tmp_path / 'mail'}")
    media = tmp_path / "media"
    web, worker = stack.portal(env)

    # --- the annual report ---
    secretariat = Browser(web.url)
    secretariat.sign_in(cast.secretariat.email, PASSWORD)
    slug = cast.covenant.slug
    assert secretariat.get(f"/en/reports/{slug}/").status_code == 200  # the page with the form
    token = secretariat.session.cookies["csrftoken"]
    asked = secretariat.post(
        f"/en/reports/{slug}/new/", {"csrfmiddlewaretoken": token, "year": YEAR, "language": "en"}
    )
    assert asked.status_code == 302, asked.text[:2000]
    report = AnnualReport.objects.get(covenant=cast.covenant)
    assert report.job_id is not None
    left = kill_while_running(report.job_id, worker, between=(40, 90))  # laying out or drawing the PDF
    assert left.task["name"] == "portal.reports.tasks.annual_report_generate"

    worker = resume(stack, env, broker, report.job_id, "worker2")
    job = Job.objects.get(pk=report.job_id)
    report.refresh_from_db()
    assert (job.status, job.requeued, report.status) == (Job.Status.DONE, 1, AnnualReport.Status.READY)
    assert AnnualReport.objects.filter(covenant=cast.covenant).count() == 1
    assert task_count(worker, "portal.reports.tasks.annual_report_generate") == 1
    pdf = media / report.file.name  # stored by the worker, in the test's own media folder
    assert pdf.stat().st_size == report.size
    assert len(pypdf.PdfReader(pdf).pages) == report.pages > 0  # the whole document, readable
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name]  # no second or partial file
    assert partial_files(media) == []

    # --- the location upload, killed while its rows are matched ---
    company = Browser(web.url)
    company.sign_in(cast.company_user.email, PASSWORD)
    page = company.get("/en/locations/uploads/new/")
    assert page.status_code == 200
    sent = company.post(
        "/en/locations/uploads/new/",
        {"csrfmiddlewaretoken": company.session.cookies["csrftoken"], "covenant": cast.covenant.pk},
        files={"file": ("locations.csv", location_csv(ROWS), "text/csv")},
    )
    assert sent.status_code == 302, sent.text[:2000]
    upload = LocationUpload.objects.get(company=cast.company)
    wait_until(
        lambda: LocationUpload.objects.filter(pk=upload.pk, status=LocationUpload.Status.PREVIEW).exists(),
        timeout=120,
        what="the upload checked",
    )
    locations_before = ProductionLocation.objects.count()
    links_before = SupplyLink.objects.filter(company=cast.company).count()
    decided = company.post(
        f"/en/locations/uploads/{upload.pk}/decide/",
        {"csrfmiddlewaretoken": company.session.cookies["csrftoken"], "decision": "confirm"},
    )
    assert decided.status_code == 302
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLYING and upload.job_id is not None
    kill_while_running(upload.job_id, worker, between=(21, 95))  # matching or saving the rows
    assert ProductionLocation.objects.count() == locations_before  # the writes are one transaction

    worker = resume(stack, env, broker, upload.job_id, "worker3")
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED
    assert Job.objects.get(pk=upload.job_id).requeued == 1
    assert task_count(worker, "companies.tasks.location_upload_apply") == 1
    created = ProductionLocation.objects.filter(name__startswith="Mill ")
    assert created.count() == ROWS
    assert created.values("name").distinct().count() == ROWS
    assert SupplyLink.objects.filter(company=cast.company).count() == links_before + ROWS
    assert upload.created == ROWS
    assert partial_files(media) == []
