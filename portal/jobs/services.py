"""The only writers of Job rows. Tasks call these to report progress.

A task that runs a job starts with `job_start`; when it returns None the job has already finished
(a redelivered task, or a job given up by the stale sweep) and the task returns without doing
anything.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Collection
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
#: A running job whose worker does not answer is queued again once it reported nothing for this long
#: (a busy worker with the solo pool cannot answer a ping; prefork workers, as in production, can).
ORPHAN_QUIET_FOR = timedelta(minutes=2)
#: How often one job is queued again before it is given up (a job that kills its worker every time).
MAX_REQUEUES = 3
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
    job.task = _running_task()
    job.save(update_fields=["status", "started_at", "progress", "task", "updated_at"])
    return job


def _running_task() -> dict[str, Any]:
    """The Celery task this code runs in (name, arguments, worker), or {} outside a worker."""
    from celery import current_task

    request = getattr(current_task, "request", None)
    if current_task is None or request is None or request.called_directly or request.is_eager:
        return {}
    return {
        "name": current_task.name,
        "args": list(request.args or ()),
        "kwargs": dict(request.kwargs or {}),
        "worker": request.hostname or "",
    }


def job_requeue_orphans(*, live_workers: Collection[str], quiet_for: timedelta = ORPHAN_QUIET_FOR) -> int:
    """Queue again the task of each running job whose worker is not among `live_workers` (it died:
    killed, out of memory, the machine restarted). Returns how many were queued again.

    The broker would return the task's unacknowledged message only after its visibility timeout (an
    hour); the tasks are idempotent, so when that message comes back it finds the job finished and
    does nothing. A job queued again MAX_REQUEUES times is failed instead.
    """
    from celery import current_app

    now = timezone.now()
    again: list[dict[str, Any]] = []
    with transaction.atomic():
        jobs = Job.objects.select_for_update(skip_locked=True).filter(
            status=Job.Status.RUNNING, updated_at__lt=now - quiet_for
        )
        for job in jobs:
            worker, name = job.task.get("worker"), job.task.get("name")
            if not worker or not name or worker in live_workers:
                continue
            if job.requeued >= MAX_REQUEUES:
                job.status, job.finished_at = Job.Status.FAILED, now
                job.message = _("The job stopped without finishing. Try again.")[:300]
                job.save(update_fields=["status", "message", "finished_at", "updated_at"])
                continue
            logger.warning("job %s lost its worker %s; queueing %s again", job.pk, worker, name)
            job.requeued += 1
            job.task = {**job.task, "worker": ""}  # the next worker to start it records itself
            job.save(update_fields=["requeued", "task", "updated_at"])
            again.append(job.task)
    for task in again:
        current_app.send_task(task["name"], args=task.get("args"), kwargs=task.get("kwargs"))
    return len(again)


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
    _remove_stale_partials(target.parent)
    return name


def _remove_stale_partials(folder: Path, older_than: float = 3600) -> None:
    """Temporary files of a writer that was killed (no cleanup ran) go once they are an hour old."""
    cutoff = time.time() - older_than
    for leftover in folder.glob(".partial-*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


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
