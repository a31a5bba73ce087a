"""Celery application. Configured so that no task is lost:

- tasks are acknowledged after they ran (acks_late) and re-queued when a worker dies mid-task;
- messages are JSON; every task has a soft and a hard time limit;
- talking to the broker gives up after ~2 s, so a request never hangs on a dead Redis;
- the Redis visibility timeout is longer than the longest task, so nothing is redelivered early.

The beat schedule lives here, in one place.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")

_LONGEST_TASK = 30 * 60

app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_soft_time_limit=_LONGEST_TASK - 60,
    task_time_limit=_LONGEST_TASK,
    task_ignore_result=True,
    worker_prefetch_multiplier=1,
    broker_connection_timeout=2,
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=0,
    broker_transport_options={
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
        "visibility_timeout": _LONGEST_TASK * 2,
        "max_retries": 0,
    },
    broker_pool_limit=10,
    timezone="Europe/Amsterdam",
    beat_schedule={
        "notifications-sweep": {
            "task": "portal.notifications.tasks.notification_sweep",
            "schedule": 60.0,
        },
        "covenants-cycle-reminders": {
            "task": "covenants.tasks.cycle_send_deadline_reminders",
            "schedule": crontab(hour=7, minute=0),
        },
        "duediligence-reminders": {
            "task": "duediligence.tasks.reminders_send",
            "schedule": crontab(hour=7, minute=15),
        },
        "covenants-steering-grants-expire": {
            "task": "covenants.tasks.steering_grants_expire",
            "schedule": crontab(hour=0, minute=30),
        },
        "complaints-overdue": {
            "task": "complaints.tasks.overdue_sweep",
            "schedule": crontab(minute=5),
        },
        "complaints-retention": {
            "task": "complaints.tasks.retention_run",
            "schedule": crontab(hour=3, minute=10),
        },
        "enquiries-retention": {
            "task": "portal.enquiries.tasks.enquiry_retention_run",
            "schedule": crontab(hour=3, minute=20),
        },
        "jobs-expire": {
            "task": "portal.jobs.tasks.job_fail_stale",
            "schedule": crontab(minute="*/15"),
        },
    },
)
app.autodiscover_tasks()
