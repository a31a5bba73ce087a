"""Dashboard pages. The secretariat's: an index of the covenants and one dashboard per covenant and
cycle year. Their reads go to the read replica when there is one (portal/core/db_routing.py)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext

from companies.exports import XLSX_TYPE, csv_chunks, xlsx_file
from complaints.status import CaseStatus
from covenants.models import Covenant
from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role, role_of
from portal.core.db_routing import reads_from_replica

from .cache import government_figures, page_body, secretariat_figures
from .exports import GOVERNMENT_TABLES, SECRETARIAT_TABLES, Rows
from .government import ASSESSMENT_CELLS
from .secretariat import cycle_years


@role_required(Role.SECRETARIAT, Role.GOVERNMENT)
@reads_from_replica
def index_view(request: AuthenticatedRequest) -> HttpResponse:
    covenants = Covenant.objects.order_by("name_en", "pk")
    if role_of(request.user) == Role.GOVERNMENT:
        covenants = covenants.exclude(status=Covenant.Status.NEGOTIATION)
    return render(
        request,
        "dashboards/index.html",
        {"covenants": covenants, "is_government": role_of(request.user) == Role.GOVERNMENT},
    )


def _year(request: AuthenticatedRequest, covenant: Covenant) -> tuple[int, list[int]]:
    year, years = cycle_years(covenant, request.GET.get("year", ""))
    if year is None:
        raise Http404
    return year, years


@role_required(Role.GOVERNMENT, Role.SECRETARIAT)
@reads_from_replica
def government_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The aggregates where no company can be identified (the secretariat sees what government sees)."""
    covenant = get_object_or_404(Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION), slug=slug)
    year, years = _year(request, covenant)

    def body() -> str:
        dashboard = government_figures(covenant, year)
        labels = {
            "not_started": gettext("Not started"),
            "draft": gettext("Draft"),
            "awaiting_review": gettext("Waiting for review"),
            "changes_requested": gettext("Changes requested"),
            "accepted": gettext("Accepted"),
        }
        assessment_rows = (
            [(labels[key], dashboard.assessments.cells[key]) for key in ASSESSMENT_CELLS]
            if dashboard.assessments
            else []
        )
        complaint_rows = [
            (CaseStatus(code).label, count) for code, count in dashboard.complaints.cells.items()
        ]
        context = {
            "dashboard": dashboard,
            "years": years,
            "assessment_rows": assessment_rows,
            "complaint_rows": complaint_rows,
        }
        return render_to_string("dashboards/_government_body.html", context)

    return render(
        request,
        "dashboards/government.html",
        {
            "covenant": covenant,
            "year": year,
            "body": page_body(("government", covenant.pk, year, *years), body),
        },
    )


@role_required(Role.SECRETARIAT)
@reads_from_replica
def covenant_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = get_object_or_404(Covenant, slug=slug)
    year, years = _year(request, covenant)

    def body() -> str:
        context = {"dashboard": secretariat_figures(covenant, year), "years": years}
        return render_to_string("dashboards/_covenant_body.html", context)

    return render(
        request,
        "dashboards/covenant.html",
        {
            "covenant": covenant,
            "year": year,
            "body": page_body(("secretariat", covenant.pk, year, *years), body),
        },
    )


def _download(rows: Rows, name: str, fmt: str) -> HttpResponseBase:
    if fmt == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return FileResponse(
        xlsx_file(rows, name[:31]), as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX_TYPE
    )


@role_required(Role.SECRETARIAT)
@reads_from_replica
def covenant_export_view(request: AuthenticatedRequest, slug: str, table: str, fmt: str) -> HttpResponseBase:
    """One table of the secretariat's dashboard as CSV or XLSX."""
    make = SECRETARIAT_TABLES.get(table)
    if make is None or fmt not in ("csv", "xlsx"):
        raise Http404
    covenant = get_object_or_404(Covenant, slug=slug)
    year, _years = _year(request, covenant)
    return _download(make(secretariat_figures(covenant, year)), f"{covenant.slug}-{year}-{table}", fmt)


@role_required(Role.GOVERNMENT, Role.SECRETARIAT)
@reads_from_replica
def government_export_view(
    request: AuthenticatedRequest, slug: str, table: str, fmt: str
) -> HttpResponseBase:
    """One table of the government's dashboard as CSV or XLSX, with the same cells suppressed."""
    make = GOVERNMENT_TABLES.get(table)
    if make is None or fmt not in ("csv", "xlsx"):
        raise Http404
    covenant = get_object_or_404(Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION), slug=slug)
    year, _years = _year(request, covenant)
    return _download(make(government_figures(covenant, year)), f"{covenant.slug}-{year}-{table}", fmt)
