"""The company report of an accepted self-assessment: requested here, drawn in Celery, downloaded from
the job's page (which shows the progress)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role

from .. import report, selectors


@role_required(Role.COMPANY, Role.SECRETARIAT)
def assessment_report_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: make the PDF in the chosen layout; the job page shows its progress and the download."""
    assessment = selectors.assessment_get_for(request.user, pk)
    if request.method != "POST":
        return redirect("duediligence:assessment", pk=assessment.pk)
    try:
        job = report.company_report_request(
            actor=request.user, assessment=assessment, layout=request.POST.get("layout", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("duediligence:assessment", pk=assessment.pk)
    return redirect("jobs:detail", pk=job.pk)
