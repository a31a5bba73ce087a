"""A company's location list uploads: the list, the upload form, the preview, confirm and the result."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role
from portal.core.middleware import accepts_uploads

from .. import uploads
from ..forms import LocationUploadForm
from ..imports.columns import write_template_csv, write_template_xlsx
from ..imports.read import max_bytes
from ..imports.result import result_csv_bytes
from ..models import LocationUpload

PAGE_SIZE = 25
Status = LocationUpload.Status
TEMPLATE_LANGUAGES = ("en", "nl")
#: The body of an upload request may hold the file plus the form's few fields.
UPLOAD_REQUEST_BYTES = max_bytes() + 64 * 1024


@role_required(Role.COMPANY)
def upload_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The company's uploads, newest first, with the templates to download."""
    page = Paginator(uploads.location_upload_list_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "companies/upload_list.html", {"page_obj": page, "languages": TEMPLATE_LANGUAGES})


@accepts_uploads(max_bytes=UPLOAD_REQUEST_BYTES)
@role_required(Role.COMPANY)
def upload_create_view(request: AuthenticatedRequest) -> HttpResponse:
    covenants = uploads.upload_covenants_for(request.user)
    form = LocationUploadForm(request.POST or None, request.FILES or None, covenants=covenants)
    if request.method == "POST" and form.is_valid():
        try:
            upload, created = uploads.location_upload_create(
                actor=request.user, covenant=form.cleaned_data["covenant"], file=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not created:
                messages.info(
                    request,
                    _(
                        "You uploaded this file for this covenant before; nothing has changed. This is its result."
                    ),
                )
            return redirect("companies:upload-detail", pk=upload.pk)
    return render(
        request,
        "companies/upload_form.html",
        {"form": form, "covenants": covenants, "languages": TEMPLATE_LANGUAGES},
    )


@role_required(Role.COMPANY)
def upload_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Progress while the file is checked or applied; then the preview or the result."""
    upload = uploads.location_upload_get_for(request.user, pk)
    lines = uploads.upload_result_lines(upload, limit=uploads.PREVIEW_ROWS)
    running = upload.status in (Status.UPLOADED, Status.PARSING, Status.APPLYING)
    # While the file is checked or applied, the status block polls itself (htmx) until it is done.
    template = "companies/_upload_status.html" if request.htmx else "companies/upload_detail.html"
    return render(
        request,
        template,
        {
            "upload": upload,
            "lines": lines,
            "limit": uploads.PREVIEW_ROWS,
            "Status": Status,
            "running": running,
        },
    )


@role_required(Role.COMPANY)
@require_POST
def upload_decide_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Confirm (apply the valid rows) or cancel the preview."""
    upload = uploads.location_upload_get_for(request.user, pk)
    try:
        if request.POST.get("decision") == "confirm":
            uploads.location_upload_confirm(actor=request.user, upload=upload)
        elif request.POST.get("decision") == "cancel":
            uploads.location_upload_cancel(actor=request.user, upload=upload)
            messages.info(request, _("The upload has been cancelled; nothing has changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("companies:upload-detail", pk=upload.pk)


@role_required(Role.COMPANY)
def upload_result_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The per-row result as CSV (formula-safe), for the company's own upload only."""
    upload = uploads.location_upload_get_for(request.user, pk)
    if not upload.results:
        raise Http404
    response = HttpResponse(result_csv_bytes(uploads.upload_result_lines(upload)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="location-upload-{upload.pk}.csv"'
    return response


@role_required(Role.COMPANY)
def upload_template_view(request: AuthenticatedRequest, language: str, kind: str) -> HttpResponse:
    """The blank column template, CSV or XLSX, in English or Dutch."""
    if language not in TEMPLATE_LANGUAGES or kind not in ("csv", "xlsx"):
        raise Http404
    if kind == "csv":
        text = io.StringIO(newline="")
        write_template_csv(text, language)
        response = HttpResponse(text.getvalue().encode("utf-8"), content_type="text/csv")
    else:
        binary = io.BytesIO()
        write_template_xlsx(binary, language)
        response = HttpResponse(
            binary.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    name = "locaties" if language == "nl" else "locations"
    response["Content-Disposition"] = f'attachment; filename="{name}-template.{kind}"'
    return response
