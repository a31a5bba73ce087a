"""Thin tasks: call one service; safe to run again."""

from celery import shared_task

from . import reminders


@shared_task(name="duediligence.tasks.reminders_send", ignore_result=True)
def reminders_send() -> int:
    return reminders.reminders_send()


@shared_task(name="duediligence.tasks.company_report_generate", ignore_result=True)
def company_report_generate(job_id: int, assessment_id: int, layout: str, language: str) -> None:
    from . import report

    report.company_report_generate(
        job_id=job_id, assessment_id=assessment_id, layout=layout, language=language
    )
