"""A running job whose worker died is queued again by the jobs sweep (services.job_requeue_orphans)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from portal.jobs import services
from portal.jobs.models import Job

pytestmark = pytest.mark.django_db

TASK = {"name": "portal.reports.tasks.annual_report_generate", "args": [7], "kwargs": {}, "worker": "w1@host"}


@pytest.fixture
def sent(monkeypatch) -> list[tuple[str, Any, Any]]:
    from celery import current_app

    calls: list[tuple[str, Any, Any]] = []
    monkeypatch.setattr(
        current_app, "send_task", lambda name, args=None, kwargs=None: calls.append((name, args, kwargs))
    )
    return calls


def running_job(owner: Any, *, quiet_for: timedelta = timedelta(minutes=5), **task: Any) -> Job:
    job = services.job_create(owner=owner, kind="annual_report", title="Report")
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, task={**TASK, **task}, updated_at=timezone.now() - quiet_for
    )
    return Job.objects.get(pk=job.pk)


def test_a_job_of_a_dead_worker_is_queued_again_once(company_user, sent):
    job = running_job(company_user)
    assert services.job_requeue_orphans(live_workers={"w2@host"}) == 1
    assert sent == [("portal.reports.tasks.annual_report_generate", [7], {})]
    job.refresh_from_db()
    assert (job.status, job.requeued, job.task["worker"]) == (Job.Status.RUNNING, 1, "")
    # Until a worker starts it again (and records itself), the sweep leaves it alone.
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    assert services.job_requeue_orphans(live_workers=set()) == 0
    assert len(sent) == 1


def test_jobs_of_live_workers_recent_jobs_and_eager_jobs_are_left_alone(company_user, sent):
    running_job(company_user)  # its worker answers
    running_job(company_user, worker="gone@host", quiet_for=timedelta(seconds=10))  # reported just now
    eager = services.job_create(owner=company_user, kind="x", title="Eager")
    Job.objects.filter(pk=eager.pk).update(
        status=Job.Status.RUNNING, updated_at=timezone.now() - timedelta(hours=1)
    )
    assert services.job_requeue_orphans(live_workers={"w1@host"}) == 0
    assert sent == []


def test_a_job_that_keeps_losing_its_worker_is_failed(company_user, sent):
    job = running_job(company_user)
    Job.objects.filter(pk=job.pk).update(requeued=services.MAX_REQUEUES)
    assert services.job_requeue_orphans(live_workers=set()) == 0
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message
    assert sent == []


def test_starting_a_job_outside_a_worker_records_no_task(company_user):
    job = services.job_create(owner=company_user, kind="x", title="Direct")
    started = services.job_start(job_id=job.pk)
    assert started is not None and started.task == {}
