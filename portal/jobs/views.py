from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role

from .selectors import job_get_for


@role_required(*Role)
def job_progress_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress partial; it polls itself with htmx until the job has finished."""
    job = job_get_for(request.user, pk)
    template = "components/job_progress.html" if request.htmx else "jobs/detail.html"
    return render(request, template, {"job": job})


@role_required(*Role)
def job_download_view(request: AuthenticatedRequest, pk: int) -> FileResponse:
    job = job_get_for(request.user, pk)
    if not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
