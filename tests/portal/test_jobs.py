from __future__ import annotations

import pytest
from django.urls import reverse

from portal.jobs import services
from portal.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_progress_partial_polls_while_running_and_offers_download_when_done(client_for, company_user):
    job = services.job_create(owner=company_user, kind="export", title="Annual report")
    services.job_start(job_id=job.pk)
    services.job_progress(job_id=job.pk, progress=40, message="Rendering")
    client = client_for(company_user)
    partial = client.get(
        reverse("jobs:detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 2s"' in partial and 'value="40"' in partial and "Rendering" in partial
    assert "<html" not in partial
    services.job_finish(job_id=job.pk, content=b"%PDF-1.7 test", filename="report-2026.pdf")
    partial = client.get(
        reverse("jobs:detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in partial
    download = client.get(reverse("jobs:download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    assert (
        "attachment" in download["Content-Disposition"]
        and "report-2026.pdf" in download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.7 test"


def test_result_is_stored_under_a_generated_name(company_user):
    job = services.job_create(owner=company_user, kind="export", title="x")
    services.job_start(job_id=job.pk)
    job = services.job_finish(job_id=job.pk, content=b"data", filename="../../etc/passwd.pdf")
    assert "passwd" not in job.result.name and job.result.name.endswith(".pdf")


def test_other_users_job_is_404(client_for, company_user, other_company_user):
    job = services.job_create(owner=company_user, kind="export", title="x")
    client = client_for(other_company_user)
    assert client.get(reverse("jobs:detail", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("jobs:download", kwargs={"pk": job.pk})).status_code == 404


def test_stale_jobs_are_failed_so_nobody_waits_forever(company_user):
    from datetime import timedelta

    job = services.job_create(owner=company_user, kind="export", title="x")
    services.job_start(job_id=job.pk)
    assert services.job_fail_stale(older_than=timedelta(hours=1)) == 0
    assert services.job_fail_stale(older_than=timedelta(seconds=-1)) == 1
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
