"""Thin tasks: call one service; safe to run again."""

from celery import shared_task


@shared_task(name="portal.reports.tasks.annual_report_generate", ignore_result=True)
def annual_report_generate(report_id: int) -> None:
    from . import services

    services.report_generate(report_id=report_id)
