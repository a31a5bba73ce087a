"""Thin periodic task: calls one service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def enquiry_retention_run() -> int:
    return services.enquiry_retention_run()
