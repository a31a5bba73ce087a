"""Pages without an account: the complaint form, the return with a receipt code, and the public
pages of the mechanism (published rulings, the tracker where a covenant turned it on, performance)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from covenants.models import Covenant
from portal.access import public
from portal.core.languages import offered_in_complainant_languages
from portal.forms import add_service_errors

from .. import receipt, selectors, services, throttle
from ..forms import ComplaintForm, ReceiptForm
from ..models import Complaint, Publication

#: How long a typed receipt code opens its case in this browser session without typing it again.
RECEIPT_SESSION = timedelta(minutes=30)
PAGE_SIZE = 25


def _initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    covenant = Covenant.objects.filter(
        slug=request.GET.get("covenant", ""), status=Covenant.Status.ACTIVE
    ).first()
    if covenant is not None:
        initial["covenant"] = covenant.pk
    if request.GET.get("location", "").isdigit():
        initial.update(subject="location", location=int(request.GET["location"]))
    elif request.GET.get("company", "").isdigit():
        initial.update(subject="company", company=int(request.GET["company"]))
    return initial


def filed_response(request: HttpRequest, filed: services.Filed) -> HttpResponse:
    """The confirmation: the reference, and (once) the receipt code, never put in a URL."""
    code = receipt.display(filed.receipt_code) if filed.receipt_code else None
    return render(
        request,
        "complaints/filed.html",
        {"complaint": filed.complaint, "code": code, "again": not filed.created},
    )


@public
@never_cache
@offered_in_complainant_languages
def complaint_file_view(request: HttpRequest) -> HttpResponse:
    """The complaint form. A POST is answered with the confirmation page itself (no redirect that
    would have to carry the code); sending it again shows the same case and, for an hour, its code."""
    if request.method != "POST":
        return render(request, "complaints/file.html", {"form": ComplaintForm(initial=_initial(request))})
    form = ComplaintForm(request.POST, request.FILES)
    if form.is_spam():
        # Software filled the hidden field: answer like a success, store nothing.
        return render(request, "complaints/filed.html", {"complaint": None, "code": None, "again": False})
    if not throttle.filing_allowed(request):
        return render(request, "429.html", status=429)
    if form.is_valid():
        try:
            filed = services.complaint_file(
                actor=request.user, language=get_language(), **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return filed_response(request, filed)
    return render(request, "complaints/file.html", {"form": form}, status=400 if form.errors else 200)


def grant_session(request: HttpRequest, complaint: Complaint) -> None:
    granted = dict(request.session.get("complaint_access") or {})
    until = (timezone.now() + RECEIPT_SESSION).timestamp()
    granted[complaint.reference] = {"id": complaint.pk, "until": until}
    request.session["complaint_access"] = granted
    request.session.cycle_key()


@public
@never_cache
@offered_in_complainant_languages
def complaint_return_view(request: HttpRequest) -> HttpResponse:
    """Type the receipt code to open the case. A wrong code never says whether a case exists; tries
    are limited per address, and refused altogether while the limit cannot be checked."""
    form = ReceiptForm(request.POST or None)
    if request.method == "POST":
        if not throttle.code_attempt_allowed(request):
            return render(
                request, "complaints/return.html", {"form": ReceiptForm(), "throttled": True}, status=429
            )
        if form.is_valid():
            complaint = selectors.complaint_by_code(form.cleaned_data["code"])
            if complaint is not None:
                grant_session(request, complaint)
                return redirect("complaints:case", reference=complaint.reference)
            form.add_error(
                "code", gettext("This receipt code does not open a case. Check the digits and try again.")
            )
        form.data = {**dict(form.data.items()), "code": ""}  # the code is never sent back in the page
    return render(request, "complaints/return.html", {"form": form}, status=400 if form.errors else 200)


@public
@require_POST
@offered_in_complainant_languages
def complaint_leave_view(request: HttpRequest) -> HttpResponse:
    """Close the case in this browser (for a shared phone or computer)."""
    request.session.pop("complaint_access", None)
    messages.success(
        request, gettext("Your case is closed in this browser. Use your receipt code to return.")
    )
    return redirect("complaints:return")


@public
def ruling_list_view(request: HttpRequest) -> HttpResponse:
    publications = selectors.publication_list()
    covenant = request.GET.get("covenant", "")
    if covenant:
        publications = publications.filter(complaint__covenant__slug=covenant)
    page = Paginator(publications, PAGE_SIZE).get_page(request.GET.get("page"))
    covenants = Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION).order_by("name_en")
    return render(
        request, "complaints/ruling_list.html", {"page_obj": page, "covenants": covenants, "chosen": covenant}
    )


@public
def ruling_detail_view(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        publication = selectors.publication_get(reference)
    except Publication.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "complaints/ruling_detail.html", {"publication": publication})


@public
def tracker_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.tracker_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/tracker.html", {"page_obj": page})


@public
def performance_view(request: HttpRequest, slug: str) -> HttpResponse:
    covenant = get_object_or_404(Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION), slug=slug)
    years = selectors.performance_years(covenant)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else years[0]
    if year not in years:
        raise Http404
    return render(
        request,
        "complaints/performance.html",
        {"figures": selectors.performance_for(covenant, year), "years": years, "covenant": covenant},
    )
