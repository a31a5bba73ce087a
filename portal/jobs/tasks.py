from celery import shared_task

from . import services


@shared_task(name="portal.jobs.tasks.job_fail_stale", ignore_result=True)
def job_fail_stale() -> int:
    return services.job_fail_stale()
