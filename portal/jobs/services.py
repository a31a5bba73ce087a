"""The only writers of Job rows. Tasks call these to report progress.

A task that runs a job starts with `job_start`; when it returns None the job has already finished
(a redelivered task, or a job given up by the stale sweep) and the task returns without doing
anything.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Job

logger = logging.getLogger(__name__)

#: A running job that reported no progress for this long is taken to have lost its worker.
RUNNING_STALE_AFTER = timedelta(hours=1)
#: A waiting job is given up only much later: a job waits in the queue while the workers are busy,
#: and a message lost with its worker is redelivered only after the broker's visibility timeout
#: (one hour, see portal/celery.py).
PENDING_STALE_AFTER = timedelta(hours=6)


def job_create(*, owner: Any, kind: str, title: str) -> Job:
    """A new waiting job for `owner`; the caller queues the task after commit."""
    return Job.objects.create(owner=owner, kind=kind, title=title)


@transaction.atomic
def job_start(*, job_id: int) -> Job | None:
    """Mark the job running, or return None when it has already finished (never reopen it)."""
    job = Job.objects.select_for_update().get(pk=job_id)
    if job.is_finished:
        logger.info("job %s has already finished (%s); not starting it again", job.pk, job.status)
        return None
    job.status, job.started_at, job.progress = Job.Status.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "progress", "updated_at"])
    return job


def job_progress(*, job_id: int, progress: int, message: str = "") -> None:
    """Report progress (0-100) while running; cheap enough to call often."""
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        progress=max(0, min(100, progress)), message=message[:300], updated_at=timezone.now()
    )


def _write_result(name: str, content: bytes) -> str:
    return write_whole(Job._meta.get_field("result").storage, name, content)


def write_whole(storage: Any, name: str, content: bytes) -> str:
    """Store `content` under `name`; on a local disk through a temporary file renamed into place.

    A worker that dies while writing leaves at most a temporary file, never a half result under
    the final name. Any other storage (an object store, whose upload appears whole or not at all)
    is written through its own API only: a storage's path() may name a place it never reads.
    """
    if not isinstance(storage, FileSystemStorage):
        return str(storage.save(name, ContentFile(content)))
    target = Path(storage.path(name))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, getattr(storage, "file_permissions_mode", None) or 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def job_finish(*, job_id: int, content: bytes, filename: str, message: str = "") -> Job:
    """Store the result under a generated name and mark the job done.

    The file is written first and the row committed in a transaction of its own (durable, never
    part of a caller's transaction); if that transaction fails or the job has finished meanwhile,
    the file is deleted again, so no orphan file stays behind.
    """
    field = Job._meta.get_field("result")
    suffix = PurePath(filename).suffix.lower()
    name = _write_result(field.generate_filename(Job(pk=job_id), f"{secrets.token_hex(16)}{suffix}"), content)
    stored = False
    try:
        with transaction.atomic(durable=True):
            job = Job.objects.select_for_update().get(pk=job_id)
            if job.status != Job.Status.RUNNING:
                logger.info("job %s is %s; its late result is discarded", job.pk, job.status)
                return job
            job.result.name, job.result_name = name, filename
            job.status, job.progress, job.message = Job.Status.DONE, 100, message[:300]
            job.finished_at = timezone.now()
            job.save(
                update_fields=[
                    "result",
                    "result_name",
                    "status",
                    "progress",
                    "message",
                    "finished_at",
                    "updated_at",
                ]
            )
            stored = True
    finally:
        if not stored:
            field.storage.delete(name)
    return job


def job_finish_elsewhere(*, job_id: int, url: str, filename: str, message: str = "") -> None:
    """Mark a running job done whose result is stored by its own model and downloaded at `url`."""
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        status=Job.Status.DONE,
        progress=100,
        result_url=url[:300],
        result_name=filename[:200],
        message=message[:300],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def job_fail(*, job_id: int, message: str) -> None:
    Job.objects.filter(pk=job_id).exclude(status=Job.Status.DONE).update(
        status=Job.Status.FAILED, message=message[:300], finished_at=timezone.now(), updated_at=timezone.now()
    )


def job_fail_stale(
    *, running_after: timedelta = RUNNING_STALE_AFTER, pending_after: timedelta = PENDING_STALE_AFTER
) -> int:
    """Fail jobs whose worker is gone, so users are not left waiting. Returns how many were failed.

    A running job is stale when it reported no progress for `running_after`; a job still waiting in
    the queue only after `pending_after`, which is much longer.
    """
    now = timezone.now()
    stale = {
        Job.Status.RUNNING: (
            running_after,
            lambda: _("The job stopped without finishing. Try again."),
        ),
        Job.Status.PENDING: (
            pending_after,
            lambda: (
                _("The job waited more than %(hours)d hours without starting. Try again.")
                % {"hours": pending_after.total_seconds() // 3600}
            ),
        ),
    }
    failed = 0
    for status, (after, text) in stale.items():
        with transaction.atomic():
            jobs = (
                Job.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("owner")
                .filter(status=status, updated_at__lt=now - after)
            )
            for job in jobs:
                language = getattr(job.owner, "preferred_language", "") or settings.LANGUAGE_CODE
                with translation.override(language):
                    job.message = str(text())[:300]
                job.status, job.finished_at = Job.Status.FAILED, now
                job.save(update_fields=["status", "message", "finished_at", "updated_at"])
                failed += 1
    return failed
