"""Celery tasks for location uploads: each takes the upload id and calls its service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from portal.jobs import services as jobs

from . import uploads
from .models import LocationUpload

logger = logging.getLogger(__name__)


def _run(service: object, upload_id: int) -> None:
    try:
        service(upload_id=upload_id)  # type: ignore[operator]
    except Exception:
        logger.exception("location upload %s failed", upload_id)
        upload = LocationUpload.objects.filter(pk=upload_id).first()
        if upload is not None:
            message = _("The list could not be processed. Try again, or contact the secretariat.")
            LocationUpload.objects.filter(pk=upload_id).update(
                status=LocationUpload.Status.FAILED, message=message
            )
            if upload.job_id:
                jobs.job_fail(job_id=upload.job_id, message=message)


@shared_task(name="companies.tasks.location_upload_parse", ignore_result=True)
def location_upload_parse(upload_id: int) -> None:
    _run(uploads.location_upload_parse, upload_id)


@shared_task(name="companies.tasks.location_upload_apply", ignore_result=True)
def location_upload_apply(upload_id: int) -> None:
    _run(uploads.location_upload_apply, upload_id)
