"""Versions: regenerating makes a new version and keeps the old one; a published version's file and
figures never change; only the secretariat makes and publishes; a failure is reported, not hidden."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from covenants.models import Membership
from portal.accounts.roles import Role
from portal.jobs.models import Job
from portal.reports import services
from portal.reports.models import AnnualReport
from tests.covenants.factories import MembershipFactory
from tests.factories import user_with_role

from .helpers import YEAR, make_report, report_world

pytestmark = pytest.mark.django_db


def test_regenerating_makes_a_new_version_and_the_published_one_stays_as_it_was(
    django_capture_on_commit_callbacks,
):
    cast = report_world(members=2)
    first, _job = make_report(cast, django_capture_on_commit_callbacks)
    services.report_publish(actor=cast.secretariat, report_id=first.pk)
    with first.file.open("rb") as handle:
        published_bytes = handle.read()
    published_figures = first.figures
    MembershipFactory(covenant=cast.covenant, active=True)
    Membership.objects.filter(covenant=cast.covenant, status=Membership.Status.APPLIED).delete()
    second, _job = make_report(cast, django_capture_on_commit_callbacks)
    assert (first.version, second.version) == (1, 2) and second.file.name != first.file.name
    assert (
        second.figures["members"]["figures"]["active"]
        == published_figures["members"]["figures"]["active"] + 1
    )
    first.refresh_from_db()
    with first.file.open("rb") as handle:
        assert handle.read() == published_bytes
    assert first.figures == published_figures and first.is_published and not second.is_published
    # Each language numbers its own versions.
    dutch, _job = make_report(cast, django_capture_on_commit_callbacks, language="nl")
    assert dutch.version == 1


def test_a_redelivered_task_leaves_a_finished_version_alone(django_capture_on_commit_callbacks):
    cast = report_world()
    report, _job = make_report(cast, django_capture_on_commit_callbacks)
    name, figures = report.file.name, report.figures
    services.report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert (report.file.name, report.figures) == (name, figures)


def test_only_the_secretariat_makes_and_publishes(django_capture_on_commit_callbacks):
    cast = report_world()
    for role in (Role.COMPANY, Role.GOVERNMENT, Role.NGO, Role.COMMITTEE):
        with pytest.raises(PermissionDenied):
            services.report_request(
                actor=user_with_role(role), covenant=cast.covenant, year=YEAR, language="en"
            )
    report, _job = make_report(cast, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=user_with_role(Role.GOVERNMENT), report_id=report.pk)
    with pytest.raises(ValidationError):
        services.report_request(actor=cast.secretariat, covenant=cast.covenant, year=1999, language="en")
    with pytest.raises(ValidationError):
        services.report_request(actor=cast.secretariat, covenant=cast.covenant, year=YEAR, language="de")


def test_a_version_still_being_made_cannot_be_published():
    cast = report_world()
    report, _job = services.report_request(
        actor=cast.secretariat, covenant=cast.covenant, year=YEAR, language="en"
    )
    with pytest.raises(ValidationError):
        services.report_publish(actor=cast.secretariat, report_id=report.pk)


def test_a_failure_marks_the_version_and_the_job_failed(django_capture_on_commit_callbacks, monkeypatch):
    cast = report_world()

    def broken(*args, **kwargs):
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(services, "render_document", broken)
    report, job = make_report(cast, django_capture_on_commit_callbacks)
    assert report.status == AnnualReport.Status.FAILED and not report.file
    assert job.status == Job.Status.FAILED and job.message == "The report could not be made. Try again."


def test_a_worker_that_died_after_storing_still_gets_its_job_finished(django_capture_on_commit_callbacks):
    cast = report_world()
    report, job = make_report(cast, django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, result_url="")  # as if it died there
    services.report_generate(report_id=report.pk)  # the redelivered task
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_url == f"/en/reports/download/{report.pk}/"
