"""The only writers of annual reports and forewords.

`report_request` makes a new version (the next number for the covenant, year and language) and
queues its generation; `report_generate` is the task's work: snapshot the figures, render, store,
and finish the Job whose page shows the progress. `report_publish` makes a ready version
downloadable by everybody; nothing changes a version's file or figures afterwards."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from covenants.models import AnnualCycle, Covenant
from portal.accounts.roles import Role, has_role
from portal.audit.services import audit_record
from portal.core.pdf import render_document, render_html
from portal.jobs import services as jobs
from portal.jobs.models import Job

from .content import report_context, report_figures
from .models import LANGUAGES, AnnualReport, Foreword

logger = logging.getLogger(__name__)
TEMPLATE = "pdf/reports/annual.html"


def _secretariat(actor: Any) -> None:
    if not has_role(actor, Role.SECRETARIAT):
        raise PermissionDenied


def report_years(covenant: Covenant) -> list[int]:
    """The years a report can be made of: the covenant's cycles, else this year."""
    years = AnnualCycle.objects.filter(covenant=covenant).values_list("year", flat=True)
    return sorted(set(years), reverse=True) or [timezone.localdate().year]


def foreword_save(*, actor: Any, covenant: Covenant, year: int, text_nl: str, text_en: str) -> Foreword:
    _secretariat(actor)
    with transaction.atomic():
        foreword, _created = Foreword.objects.update_or_create(
            covenant=covenant,
            year=year,
            defaults={"text_nl": text_nl, "text_en": text_en, "updated_by": actor},
        )
        audit_record(actor=actor, action="report.foreword_saved", target=foreword)
    return foreword


def report_request(*, actor: Any, covenant: Covenant, year: int, language: str) -> tuple[AnnualReport, Job]:
    """A new version, waiting for its task; the Job shows its progress."""
    _secretariat(actor)
    if language not in dict(LANGUAGES):
        raise ValidationError({"language": _("Choose Dutch or English.")})
    if year not in report_years(covenant):
        raise ValidationError({"year": _("Choose a year the covenant has an annual cycle for.")})
    with transaction.atomic():
        Covenant.objects.select_for_update().filter(pk=covenant.pk).first()  # one numbering at a time
        last = AnnualReport.objects.filter(covenant=covenant, year=year, language=language).aggregate(
            last=Max("version")
        )["last"]
        with translation.override(language):
            title = _("Annual report %(covenant)s %(year)s") % {"covenant": covenant.name, "year": year}
        job = jobs.job_create(owner=actor, kind="annual_report", title=title)
        report = AnnualReport.objects.create(
            covenant=covenant,
            year=year,
            language=language,
            version=(last or 0) + 1,
            job=job,
            requested_by=actor,
        )
        audit_record(actor=actor, action="report.requested", target=report)

        def queue() -> None:
            from .tasks import annual_report_generate

            annual_report_generate.delay(report.pk)

        transaction.on_commit(queue)
    return report, job


def report_generate(*, report_id: int) -> None:
    """The task's work. A version that is no longer being made (a redelivered task) is left alone."""
    report = AnnualReport.objects.select_related("covenant", "job").get(pk=report_id)
    job_id = report.job_id
    if report.status != AnnualReport.Status.GENERATING:
        if job_id is not None:  # a worker that died between storing the version and finishing its job
            _finish_job(report, job_id)
        return
    if job_id is not None and jobs.job_start(job_id=job_id) is None:
        return
    language = report.language

    def progress(percent: int, message: str) -> None:
        if job_id is not None:
            with translation.override(language):
                jobs.job_progress(job_id=job_id, progress=percent, message=_(message))

    try:
        progress(10, gettext_noop("Collecting the figures"))
        figures = report_figures(report.covenant, report.year, language)
        progress(40, gettext_noop("Laying out the pages"))
        html = render_html(TEMPLATE, report_context(figures, report.version), language=language)
        progress(60, gettext_noop("Drawing the PDF"))
        pdf = render_document(html, archival=True)
        progress(95, gettext_noop("Storing the report"))
        _store(report, figures, pdf.content, pdf.pages)
    except Exception:
        logger.exception("annual report %s failed", report.pk)
        AnnualReport.objects.filter(pk=report.pk, status=AnnualReport.Status.GENERATING).update(
            status=AnnualReport.Status.FAILED
        )
        if job_id is not None:
            with translation.override(language):
                jobs.job_fail(job_id=job_id, message=_("The report could not be made. Try again."))
        return
    if job_id is not None:
        report.refresh_from_db(fields=["status"])
        _finish_job(report, job_id)


def _finish_job(report: AnnualReport, job_id: int) -> None:
    """Finish the version's job as the version ended (a finished job is left alone)."""
    with translation.override(report.language):
        if report.status == AnnualReport.Status.READY:
            if jobs.job_start(job_id=job_id) is None:  # finished already
                return
            url = reverse("reports:download", kwargs={"pk": report.pk})
            jobs.job_finish_elsewhere(
                job_id=job_id, url=url, filename=report.filename, message=_("The report is ready.")
            )
        elif report.status == AnnualReport.Status.FAILED:
            jobs.job_fail(job_id=job_id, message=_("The report could not be made. Try again."))


def _store(report: AnnualReport, figures: dict[str, Any], content: bytes, pages: int) -> None:
    field = AnnualReport._meta.get_field("file")
    name = jobs.write_whole(
        field.storage, field.generate_filename(report, f"{secrets.token_hex(16)}.pdf"), content
    )
    stored = False
    try:
        with transaction.atomic(durable=True):
            locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
            if locked.status != AnnualReport.Status.GENERATING:
                return
            locked.file.name, locked.figures = name, figures
            locked.pages, locked.size = pages, len(content)
            locked.status, locked.generated_at = AnnualReport.Status.READY, timezone.now()
            locked.save(update_fields=["file", "figures", "pages", "size", "status", "generated_at"])
            stored = True
    finally:
        if not stored:
            field.storage.delete(name)


def report_publish(*, actor: Any, report_id: int) -> AnnualReport:
    """Make a ready version downloadable by the parties and the public."""
    _secretariat(actor)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if report.status != AnnualReport.Status.READY:
            raise ValidationError(_("Only a finished report can be published."), code="not_ready")
        if report.published_at is None:
            report.published_at, report.published_by = timezone.now(), actor
            report.save(update_fields=["published_at", "published_by"])
            audit_record(actor=actor, action="report.published", target=report)
    return report
