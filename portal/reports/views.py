"""Pages under /<lang>/reports/: the published annual reports for everybody, and for the secretariat
every version with the foreword, the request of a new version and publication."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, get_visible_or_404, public, role_required
from portal.accounts.roles import Role, has_role
from portal.confirm import Confirmation, is_cancelled, is_confirmed, render_confirmation
from portal.forms import add_service_errors

from . import selectors, services
from .forms import ForewordForm, ReportRequestForm
from .models import AnnualReport, Foreword

PAGE_SIZE = 25


@public
def report_list_view(request: HttpRequest) -> HttpResponse:
    reports = selectors.report_list_for(request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/list.html",
        {
            "page_obj": page,
            "is_secretariat": has_role(request.user, Role.SECRETARIAT),
            "covenants": selectors.covenants_for(request.user),
        },
    )


@public
def covenant_reports_view(request: HttpRequest, slug: str) -> HttpResponse:
    covenant = get_visible_or_404(selectors.covenants_for(request.user), slug=slug)
    reports = selectors.report_list_for(request.user).filter(covenant=covenant).select_related("job")
    context = {
        "covenant": covenant,
        "page_obj": Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    if has_role(request.user, Role.SECRETARIAT):
        years = services.report_years(covenant)
        language = "en" if (translation.get_language() or "").startswith("en") else "nl"
        context["form"] = ReportRequestForm(years=years, initial={"year": years[0], "language": language})
        context["forewords"] = {f.year: f for f in Foreword.objects.filter(covenant=covenant)}
        context["years"] = years
        context["manage"] = True
    return render(request, "reports/covenant.html", context)


@role_required(Role.SECRETARIAT)
@require_POST
def report_request_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = get_object_or_404(selectors.covenants_for(request.user), slug=slug)
    years = services.report_years(covenant)
    form = ReportRequestForm(request.POST, years=years)
    if form.is_valid():
        try:
            _report, job = services.report_request(
                actor=request.user,
                covenant=covenant,
                year=form.cleaned_data["year"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("jobs:detail", pk=job.pk)
    reports = selectors.report_list_for(request.user).filter(covenant=covenant)
    context = {
        "covenant": covenant,
        "page_obj": Paginator(reports, PAGE_SIZE).get_page(1),
        "form": form,
        "forewords": {f.year: f for f in Foreword.objects.filter(covenant=covenant)},
        "years": years,
        "manage": True,
    }
    return render(request, "reports/covenant.html", context, status=400)


@role_required(Role.SECRETARIAT)
def foreword_view(request: AuthenticatedRequest, slug: str, year: int) -> HttpResponse:
    covenant = get_object_or_404(selectors.covenants_for(request.user), slug=slug)
    if year not in services.report_years(covenant):
        raise Http404
    instance = Foreword.objects.filter(covenant=covenant, year=year).first()
    form = ForewordForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.foreword_save(
            actor=request.user,
            covenant=covenant,
            year=year,
            text_nl=form.cleaned_data["text_nl"],
            text_en=form.cleaned_data["text_en"],
        )
        messages.success(request, _("The foreword has been saved. It goes into the next version you make."))
        return redirect("reports:covenant", slug=covenant.slug)
    return render(request, "reports/foreword.html", {"covenant": covenant, "year": year, "form": form})


@role_required(Role.SECRETARIAT)
@require_POST
def report_publish_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(selectors.report_list_for(request.user), pk=pk)
    if is_cancelled(request):
        return redirect("reports:covenant", slug=report.covenant.slug)
    if not is_confirmed(request):
        confirmation = Confirmation(
            title=_("Publish this annual report?"),
            consequence=_(
                "Everybody can then download this version, also without an account. A published "
                "version cannot be changed or withdrawn; a correction is a new version."
            ),
            confirm_label=_("Publish"),
            summary=[
                (_("Covenant"), report.covenant.name),
                (_("Year"), report.year),
                (_("Language"), report.get_language_display()),
                (_("Version"), report.version),
            ],
        )
        return render_confirmation(request, form=forms.Form(), action=request.path, confirmation=confirmation)
    try:
        services.report_publish(actor=request.user, report_id=report.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The annual report has been published."))
    return redirect("reports:covenant", slug=report.covenant.slug)


@public
def report_download_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = get_visible_or_404(selectors.report_list_for(request.user), pk=pk)
    if report.status != AnnualReport.Status.READY or not report.file:
        raise Http404
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.filename, content_type="application/pdf"
    )
    if report.is_published:
        response["Cache-Control"] = "public, max-age=3600"
    return response
