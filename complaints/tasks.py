"""Thin periodic tasks: each calls one service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def overdue_sweep() -> int:
    return services.overdue_sweep()


@shared_task(acks_late=True)
def retention_run() -> dict[str, int]:
    return services.retention_run()
