"""Thin tasks: take ids, call a service."""

from datetime import timedelta

from celery import shared_task

from . import services


@shared_task(name="portal.notifications.tasks.notification_deliver", ignore_result=True)
def notification_deliver(notification_id: int) -> bool:
    return services.notification_deliver(notification_id=notification_id)


@shared_task(name="portal.notifications.tasks.notification_sweep", ignore_result=True)
def notification_sweep(older_than_seconds: int = 30) -> int:
    return services.notification_sweep(older_than=timedelta(seconds=older_than_seconds))
