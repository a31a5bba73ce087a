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
from kombu import Exchange, Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

#: The queues, by kind of work, so that a long report or import never delays an e-mail. Each has its
#: own worker in production (`-Q <queue>`: Makefile `worker-<queue>`, docker-compose.yml); a worker
#: started without -Q (`make worker`, development) takes them all.
QUEUE_DEFAULT = "default"
QUEUE_MAIL = "mail"
QUEUE_IMPORTS = "imports"
QUEUE_REPORTS = "reports"
QUEUES = (QUEUE_DEFAULT, QUEUE_MAIL, QUEUE_IMPORTS, QUEUE_REPORTS)

#: Every task that is not on the default queue, by name (tests/portal/test_task_routes.py checks
#: that each name is a task, and that every task lands on one of QUEUES).
TASK_ROUTES = {
    # The outbox: deliveries and the sweep that retries them.
    "portal.notifications.tasks.notification_deliver": {"queue": QUEUE_MAIL},
    "portal.notifications.tasks.notification_sweep": {"queue": QUEUE_MAIL},
    # Uploaded lists: reading, checking and applying them.
    "companies.tasks.location_upload_parse": {"queue": QUEUE_IMPORTS},
    "companies.tasks.location_upload_apply": {"queue": QUEUE_IMPORTS},
    # Generated documents: PDFs and other exports.
    "portal.reports.tasks.annual_report_generate": {"queue": QUEUE_REPORTS},
    "duediligence.tasks.company_report_generate": {"queue": QUEUE_REPORTS},
}

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
    task_default_queue=QUEUE_DEFAULT,
    # Each queue its own exchange and routing key: a message goes to its one queue, never to all four.
    task_queues=[Queue(name, Exchange(name, type="direct"), routing_key=name) for name in QUEUES],
    task_routes=TASK_ROUTES,
    worker_prefetch_multiplier=1,
    broker_connection_timeout=2,
    broker_connection_retry_on_startup=True,
    # None: a worker (and beat) reconnects until the broker is back; 0 made it exit at the first lost
    # connection. Publishing is not affected (its retries follow task_publish_retry_policy).
    broker_connection_max_retries=None,
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
        # A job whose worker died is queued again within minutes, not after the visibility timeout.
        "jobs-requeue-orphans": {
            "task": "portal.jobs.tasks.job_requeue_orphans",
            "schedule": 60.0,
        },
    },
)
app.autodiscover_tasks()
