"""Downloads of the public location list and of a company's own locations, and the company's supplier
chain page."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.access import AuthenticatedRequest, public, role_required
from portal.accounts.roles import Role

from .. import exports
from ..chain import supply_chain_for
from ..forms import LocationFilterForm
from ..selectors import PublicFilter


def _download(
    rows: Iterator[exports.Row], fmt: str, basename: str, *more: tuple[str, Iterator[exports.Row]]
) -> HttpResponseBase:
    if fmt == "xlsx":
        return FileResponse(
            exports.xlsx_file(rows, basename, *more),
            as_attachment=True,
            filename=f"{basename}.xlsx",
            content_type=exports.XLSX_TYPE,
        )
    name = f"{basename}-open-supply-hub.csv" if fmt == "osh" else f"{basename}.csv"
    response = StreamingHttpResponse(exports.csv_chunks(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _language() -> str:
    return translation.get_language() or "en"


def _company_id(request: AuthenticatedRequest) -> int:
    """The signed-in user's own company: the only one whose links these pages show."""
    if request.user.organisation_id is None:
        raise Http404
    return request.user.organisation_id


@public
def location_export_view(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The public list as a file, with the page's filters; an invalid filter leads back to the page."""
    if fmt not in exports.FORMATS:
        raise Http404
    form = LocationFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The list page shows the error next to the field; the download never guesses a filter.
        return redirect(f"{reverse('companies:locations')}?{request.GET.urlencode()}")
    flt = form.to_filter() if form.is_bound else PublicFilter()
    counted = (_("Listed as a count"), exports.public_aggregate_rows(flt))
    return _download(exports.public_rows(flt, fmt, _language()), fmt, "production-locations", counted)


@role_required(Role.COMPANY)
def my_locations_export_view(request: AuthenticatedRequest, fmt: str) -> HttpResponseBase:
    """The company's own links and their locations; only ever the signed-in user's company."""
    if fmt not in exports.FORMATS:
        raise Http404
    return _download(
        exports.company_rows(_company_id(request), fmt, _language()), fmt, "my-production-locations"
    )


@role_required(Role.COMPANY)
def supply_chain_view(request: AuthenticatedRequest) -> HttpResponse:
    chains = supply_chain_for(_company_id(request))
    return render(request, "companies/supply_chain.html", {"chains": chains})
