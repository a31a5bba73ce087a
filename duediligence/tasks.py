"""Thin tasks: call one service; safe to run again."""

from celery import shared_task

from . import reminders


@shared_task(name="duediligence.tasks.reminders_send", ignore_result=True)
def reminders_send() -> int:
    return reminders.reminders_send()
