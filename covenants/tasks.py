"""Thin tasks: call one service; safe to run again."""

from celery import shared_task

from . import services


@shared_task(name="covenants.tasks.cycle_send_deadline_reminders", ignore_result=True)
def cycle_send_deadline_reminders(within_days: int = 14) -> int:
    return services.cycle_send_deadline_reminders(within_days=within_days)


@shared_task(name="covenants.tasks.steering_grants_expire", ignore_result=True)
def steering_grants_expire() -> int:
    return services.steering_grants_expire()
