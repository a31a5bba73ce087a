"""Thin tasks: take ids, call a service.

The time limits leave room for the sweep's budget (services.SWEEP_BUDGET) plus one attempt that
waits for the SMTP timeout; the soft limit is never caught by the services, so a task that runs
out of time stops and its claimed row is retried after its lease.
"""

from datetime import timedelta

from celery import shared_task

from . import services


@shared_task(
    name="portal.notifications.tasks.notification_deliver",
    ignore_result=True,
    soft_time_limit=90,
    time_limit=120,
)
def notification_deliver(notification_id: int, more: list[int] | None = None) -> bool:
    """Deliver one e-mail, and the others written in the same transaction (`more`): one message per
    commit, not one per recipient. Each row is claimed on its own, so a redelivered message (the
    worker died half way) sends only what is still pending."""
    delivered = services.notification_deliver(notification_id=notification_id)
    for other in more or ():
        delivered = services.notification_deliver(notification_id=other) or delivered
    return delivered


@shared_task(
    name="portal.notifications.tasks.notification_sweep",
    ignore_result=True,
    soft_time_limit=150,
    time_limit=180,
)
def notification_sweep(older_than_seconds: int = 30) -> int:
    return services.notification_sweep(older_than=timedelta(seconds=older_than_seconds))
