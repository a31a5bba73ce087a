"""Annual report versions without running the renderer (for permission and page tests)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.reports.models import AnnualReport
from tests.factories import UserFactory

PDF = b"%PDF-1.7\n% a stand-in for the permission tests\n%%EOF\n"


def report_version(covenant: Any, *, year: int, published: bool = False, **extra: Any) -> AnnualReport:
    author = extra.pop("requested_by", None) or UserFactory()
    version = AnnualReport.objects.filter(covenant=covenant, year=year, language="en").count() + 1
    report = AnnualReport(covenant=covenant, year=year, language="en", version=version, requested_by=author,
                          status=AnnualReport.Status.READY, pages=1, size=len(PDF), generated_at=timezone.now(),
                          published_at=timezone.now() if published else None, **extra)  # fmt: skip
    report.file.save(f"test-{covenant.slug}-{year}-{version}.pdf", ContentFile(PDF), save=False)
    report.save()
    return report
