"""Every uploaded and generated file goes through Django's storage API, so an object store (S3 and the
like) needs settings only: with a storage that has no local paths (Django's InMemoryStorage), the
upload, job and report flows work and nothing is written to the media folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import Client
from django.urls import reverse

from companies.models import LocationUpload
from portal.accounts.roles import Role
from portal.jobs import services as jobs
from portal.jobs.models import Job
from portal.reports.models import AnnualReport
from tests.companies.test_uploads import _client, _commits, _upload, company  # noqa: F401 - fixtures
from tests.factories import user_with_role
from tests.reports.helpers import make_report, report_world

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def remote_storage(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """A default storage without local paths; MEDIA_ROOT points at a folder that must stay empty."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert not isinstance(default_storage, FileSystemStorage)
    yield media
    assert not media.exists() or not any(media.rglob("*")), "a file was written past the storage"


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_location_list_is_uploaded_checked_applied_and_its_result_downloaded(company):  # noqa: F811
    client = _client(company)
    assert _upload(client, company.membership.covenant_id).status_code == 302
    upload = LocationUpload.objects.get()
    assert upload.status == LocationUpload.Status.PREVIEW
    assert default_storage.exists(upload.file.name)
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED
    result = client.get(reverse("companies:upload-result", args=[upload.pk]))
    assert result.status_code == 200
    assert "Rahman Knit Composite" in body(result).decode("utf-8-sig")


def test_a_job_result_is_stored_whole_and_downloaded():
    user = user_with_role(Role.SECRETARIAT)
    job = jobs.job_create(owner=user, kind="export", title="Export")
    jobs.job_start(job_id=job.pk)
    finished = jobs.job_finish(job_id=job.pk, content=b"a,b\r\n1,2\r\n", filename="export.csv")
    assert finished.status == Job.Status.DONE
    assert default_storage.exists(finished.result.name)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    assert body(response) == b"a,b\r\n1,2\r\n"


def test_an_annual_report_is_generated_and_downloaded(django_capture_on_commit_callbacks):
    cast = report_world()
    report, _job = make_report(cast, django_capture_on_commit_callbacks)
    assert report.status == AnnualReport.Status.READY
    client = Client()
    client.force_login(cast.secretariat)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


def test_production_takes_the_file_store_from_the_environment():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="k" + os.urandom(30).hex(),
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
        PORTAL_STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        PORTAL_STORAGE_OPTIONS=json.dumps({"location": "portal-media"}),
    )
    code = (
        "import django, json; django.setup(); from django.conf import settings;"
        "from django.core.files.storage import FileSystemStorage, default_storage as s;"
        "print(json.dumps([settings.STORAGES['default'], type(s._wrapped if s._setup() is None else s).__name__,"
        " s.location]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    configured, kind, location = json.loads(result.stdout.strip().splitlines()[-1])
    assert configured == {
        "BACKEND": "django.core.files.storage.InMemoryStorage",
        "OPTIONS": {"location": "portal-media"},
    }
    assert kind == "InMemoryStorage"
    assert location.endswith("portal-media")
