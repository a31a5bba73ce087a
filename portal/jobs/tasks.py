from datetime import timedelta
from typing import Any

from celery import shared_task

from . import services


@shared_task(name="portal.jobs.tasks.job_fail_stale", ignore_result=True)
def job_fail_stale() -> int:
    return services.job_fail_stale()


@shared_task(name="portal.jobs.tasks.job_requeue_orphans", ignore_result=True, bind=True)
def job_requeue_orphans(self: Any, quiet_seconds: int | None = None) -> int:
    """Queue again the jobs whose worker no longer answers (see services.job_requeue_orphans)."""
    replies = self.app.control.ping(timeout=2.0)
    live = {name for reply in replies for name in reply}
    live.add(self.request.hostname)  # this worker, busy with this task, may not answer itself
    quiet = services.ORPHAN_QUIET_FOR if quiet_seconds is None else timedelta(seconds=quiet_seconds)
    return services.job_requeue_orphans(live_workers=live, quiet_for=quiet)
