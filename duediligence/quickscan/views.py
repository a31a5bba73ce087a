"""The quick scan's pages: the public scan (results on the same page, a GET form so they can be
linked), a company saving its result into its risk register, and the secretariat's dataset pages."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, get_visible_or_404, public, role_required
from portal.accounts.roles import Role, role_of
from portal.confirm import Confirmation, is_cancelled, is_confirmed, render_confirmation
from portal.forms import add_service_errors

from ..models import QuickScanIndication, QuickScanVersion
from . import services
from .forms import IndicationForm, QuickScanForm
from .selectors import ScanResult, quick_scan

SCAN_FIELDS = ("sector", "countries", "products")


def _scan(form: QuickScanForm) -> ScanResult:
    data = form.cleaned_data
    return quick_scan(sector=data["sector"], countries=data["countries"], products=data["products"])


@public
def quickscan_view(request: HttpRequest) -> HttpResponse:
    """Public: the form, and once it is filled in, the salient themes, the first steps and the covenant."""
    submitted = any(name in request.GET for name in SCAN_FIELDS)
    form = QuickScanForm(request.GET if submitted else None)
    result = _scan(form) if submitted and form.is_valid() else None
    return render(
        request,
        "duediligence/quickscan.html",
        {
            "form": form,
            "result": result,
            "query_string": request.GET.urlencode() if result else "",
            "is_company": role_of(request.user) == Role.COMPANY,
        },
    )


@require_POST
@role_required(Role.COMPANY)
def quickscan_save_view(request: AuthenticatedRequest) -> HttpResponse:
    """A company saves its result as draft risks in its register (no duplicates on a second save)."""
    form = QuickScanForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "duediligence/quickscan.html",
            {"form": form, "result": None, "is_company": True},
            status=400,
        )
    outcome = services.quickscan_save_to_register(actor=request.user, result=_scan(form))
    messages.success(
        request,
        gettext(
            "The quick scan is in your risk register: %(created)s new risks, %(updated)s with more countries,"
            " %(unchanged)s already there. Assess each one for your own supply chain."
        )
        % {"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged},
    )
    return redirect("duediligence:risks")


@role_required(Role.SECRETARIAT)
def dataset_view(request: AuthenticatedRequest) -> HttpResponse:
    """The secretariat: every indication of the dataset, its version and its change history."""
    indications = QuickScanIndication.objects.select_related("theme", "source")
    return render(
        request,
        "duediligence/quickscan_dataset.html",
        {
            "sectors": [i for i in indications if i.sector],
            "countries": sorted((i for i in indications if i.country), key=lambda i: (i.country.name, i.pk)),
            "products": [i for i in indications if i.product],
            "versions": QuickScanVersion.objects.select_related("created_by")[:10],
        },
    )


def _indication_page(request: AuthenticatedRequest, indication: QuickScanIndication | None) -> HttpResponse:
    form = IndicationForm(request.POST or None, instance=indication)
    if request.method == "POST" and form.is_valid():
        try:
            if indication is None:
                services.indication_create(actor=request.user, **form.service_kwargs())
            else:
                services.indication_update(
                    actor=request.user, indication_id=indication.pk, **form.service_kwargs()
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("The indication has been saved; the dataset has a new version.")
            )
            return redirect("duediligence:quickscan-dataset")
    return render(
        request, "duediligence/quickscan_indication_form.html", {"form": form, "indication": indication}
    )


@role_required(Role.SECRETARIAT)
def indication_create_view(request: AuthenticatedRequest) -> HttpResponse:
    return _indication_page(request, None)


@role_required(Role.SECRETARIAT)
def indication_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _indication_page(request, get_visible_or_404(QuickScanIndication.objects.all(), pk=pk))


@require_POST
@role_required(Role.SECRETARIAT)
def indication_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Remove an indication, after a confirmation page (the removal itself cannot be undone)."""
    indication = get_visible_or_404(QuickScanIndication.objects.select_related("theme", "source"), pk=pk)
    if is_cancelled(request):
        return redirect("duediligence:quickscan-indication-edit", pk=indication.pk)
    if not is_confirmed(request):
        return render_confirmation(
            request,
            form=forms.Form(),
            action=request.path,
            confirmation=Confirmation(
                title=gettext("Remove this indication?"),
                consequence=gettext(
                    "The quick scan no longer shows this theme for it; the dataset gets a new version."
                ),
                confirm_label=gettext("Yes, remove the indication"),
                summary=[
                    (gettext("Applies to"), indication.dimension_label),
                    (gettext("Risk theme"), indication.theme.name),
                    (gettext("Why"), indication.reason),
                ],
            ),
        )
    services.indication_delete(actor=request.user, indication_id=indication.pk)
    messages.success(request, gettext("The indication has been removed; the dataset has a new version."))
    return redirect("duediligence:quickscan-dataset")


@public
def dataset_export_view(request: HttpRequest) -> HttpResponse:
    """Public: the current dataset as JSON, in the shape of `dataset.json` (the scan's data are public)."""
    data = services.dataset_export()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="quickscan-dataset-v{data["version"]}.json"'
    return response
