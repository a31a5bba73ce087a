"""The only writers of Job rows. Tasks call these to report progress."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import Job


def job_create(*, owner: Any, kind: str, title: str) -> Job:
    """A new waiting job for `owner`; the caller queues the task after commit."""
    return Job.objects.create(owner=owner, kind=kind, title=title)


def job_start(*, job_id: int) -> Job:
    job = Job.objects.get(pk=job_id)
    job.status, job.started_at, job.progress = Job.Status.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "progress", "updated_at"])
    return job


def job_progress(*, job_id: int, progress: int, message: str = "") -> None:
    """Report progress (0-100) while running; cheap enough to call often."""
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        progress=max(0, min(100, progress)), message=message[:300], updated_at=timezone.now()
    )


@transaction.atomic
def job_finish(*, job_id: int, content: bytes, filename: str, message: str = "") -> Job:
    """Store the result under a generated name and mark the job done."""
    job = Job.objects.select_for_update().get(pk=job_id)
    suffix = PurePath(filename).suffix.lower()
    job.result.save(f"{secrets.token_hex(16)}{suffix}", ContentFile(content), save=False)
    job.result_name = filename
    job.status, job.progress, job.message = Job.Status.DONE, 100, message[:300]
    job.finished_at = timezone.now()
    job.save(
        update_fields=["result", "result_name", "status", "progress", "message", "finished_at", "updated_at"]
    )
    return job


def job_fail(*, job_id: int, message: str) -> None:
    Job.objects.filter(pk=job_id).exclude(status=Job.Status.DONE).update(
        status=Job.Status.FAILED, message=message[:300], finished_at=timezone.now(), updated_at=timezone.now()
    )


def job_fail_stale(*, older_than: timedelta = timedelta(hours=1)) -> int:
    """Jobs that stopped reporting (a worker died for good) are marked failed so users are not left waiting."""
    cutoff = timezone.now() - older_than
    return Job.objects.filter(
        status__in=[Job.Status.PENDING, Job.Status.RUNNING], updated_at__lt=cutoff
    ).update(status=Job.Status.FAILED, message="Stopped without finishing.", finished_at=timezone.now())
