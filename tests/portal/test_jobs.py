from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.jobs import services
from portal.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_progress_partial_polls_while_running_and_offers_download_when_done(client_for, company_user):
    job = services.job_create(owner=company_user, kind="export", title="Annual report")
    services.job_start(job_id=job.pk)
    services.job_progress(job_id=job.pk, progress=40, message="Rendering")
    client = client_for(company_user)
    partial = client.get(
        reverse("jobs:detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 2s"' in partial and 'value="40"' in partial and "Rendering" in partial
    assert "<html" not in partial
    services.job_finish(job_id=job.pk, content=b"%PDF-1.7 test", filename="report-2026.pdf")
    partial = client.get(
        reverse("jobs:detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in partial
    download = client.get(reverse("jobs:download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    assert (
        "attachment" in download["Content-Disposition"]
        and "report-2026.pdf" in download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.7 test"


def test_result_is_stored_under_a_generated_name(company_user):
    job = services.job_create(owner=company_user, kind="export", title="x")
    services.job_start(job_id=job.pk)
    job = services.job_finish(job_id=job.pk, content=b"data", filename="../../etc/passwd.pdf")
    assert "passwd" not in job.result.name and job.result.name.endswith(".pdf")


def test_other_users_job_is_404(client_for, company_user, other_company_user):
    job = services.job_create(owner=company_user, kind="export", title="x")
    client = client_for(other_company_user)
    assert client.get(reverse("jobs:detail", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("jobs:download", kwargs={"pk": job.pk})).status_code == 404


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def running_job(owner) -> Job:
    job = services.job_create(owner=owner, kind="export", title="Annual report")
    services.job_start(job_id=job.pk)
    return job


def age(job: Job, delta: timedelta) -> None:
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - delta)


@pytest.mark.parametrize("finish", ["done", "failed"])
def test_a_redelivered_task_does_not_reopen_a_finished_job(company_user, media, finish):
    job = running_job(company_user)
    if finish == "done":
        services.job_finish(job_id=job.pk, content=b"report", filename="report.pdf")
    else:
        services.job_fail(job_id=job.pk, message="Broken")
    before = Job.objects.get(pk=job.pk)
    assert services.job_start(job_id=job.pk) is None
    after = Job.objects.get(pk=job.pk)
    assert (after.status, after.progress, after.started_at, after.message) == (
        before.status,
        before.progress,
        before.started_at,
        before.message,
    )


def test_starting_a_job_locks_its_row(company_user):
    job = services.job_create(owner=company_user, kind="export", title="x")
    with CaptureQueriesContext(connection) as queries:
        assert services.job_start(job_id=job.pk) is not None
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_stale_sweep_fails_a_running_job_that_stopped_reporting(company_user):
    job = running_job(company_user)
    age(job, timedelta(minutes=50))
    assert services.job_fail_stale() == 0
    age(job, timedelta(minutes=70))
    assert services.job_fail_stale() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at is not None


def test_stale_sweep_leaves_a_job_that_is_only_waiting_in_the_queue(company_user):
    company_user.preferred_language = "en"
    company_user.save()
    job = services.job_create(owner=company_user, kind="export", title="x")
    age(job, timedelta(hours=2))
    assert services.job_fail_stale() == 0
    assert Job.objects.get(pk=job.pk).status == Job.Status.PENDING
    age(job, timedelta(hours=7))
    assert services.job_fail_stale() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "The job waited more than 6 hours without starting. Try again."


def test_a_waiting_job_is_given_up_only_after_the_brokers_visibility_timeout():
    from portal.celery import app

    visibility = timedelta(seconds=app.conf.broker_transport_options["visibility_timeout"])
    assert visibility < services.PENDING_STALE_AFTER


def test_a_rollback_leaves_no_orphan_result_file(company_user, media, monkeypatch):
    job = running_job(company_user)

    def failing_save(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Job, "save", failing_save)
    with pytest.raises(RuntimeError):
        services.job_finish(job_id=job.pk, content=b"report", filename="report.pdf")
    monkeypatch.undo()
    assert files_under(media) == []
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING


@pytest.mark.django_db(transaction=True)
def test_finishing_is_never_part_of_a_callers_transaction_that_could_roll_back(media):
    from portal.accounts.roles import Role
    from tests.factories import user_with_role

    job = running_job(user_with_role(Role.COMPANY))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.job_finish(job_id=job.pk, content=b"report", filename="report.pdf")
    assert files_under(media) == []
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING


def test_a_crash_while_writing_leaves_no_half_file(company_user, media, monkeypatch):
    job = running_job(company_user)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        services.job_finish(job_id=job.pk, content=b"x" * 100_000, filename="report.pdf")
    monkeypatch.undo()
    assert files_under(media) == []
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING


def test_the_result_appears_whole_under_its_final_name(company_user, media):
    job = running_job(company_user)
    job = services.job_finish(job_id=job.pk, content=b"x" * 100_000, filename="report.pdf")
    (stored,) = files_under(media)
    assert stored == media / job.result.name
    assert stored.read_bytes() == b"x" * 100_000


def test_a_late_result_for_a_failed_job_is_discarded(company_user, media):
    job = running_job(company_user)
    services.job_fail(job_id=job.pk, message="Gave up")
    job = services.job_finish(job_id=job.pk, content=b"late", filename="report.pdf")
    assert job.status == Job.Status.FAILED and not job.result
    assert files_under(media) == []
