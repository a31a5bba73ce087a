"""A company's risk register (with its severity x likelihood matrix) and its action plan with the
progress log of each action. The company writes its own; the secretariat reads every company's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Greatest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from companies.relay import MAX_EVIDENCE_BYTES
from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role, role_of
from portal.core.middleware import accepts_uploads
from portal.forms import add_service_errors

from .. import selectors, services
from ..charts import risk_matrix
from ..models import Action, Risk
from ..priority import Level, Likelihood
from ..risk_forms import ActionFilterForm, ActionForm, CompanyFilterForm, ProgressForm, RiskForm

PAGE_SIZE = 25


def _is_secretariat(request: AuthenticatedRequest) -> bool:
    return role_of(request.user) == Role.SECRETARIAT


def _company_id(request: AuthenticatedRequest) -> int:
    assert request.user.organisation_id is not None  # role_required(Role.COMPANY) lets in members only
    return int(request.user.organisation_id)


def _page(request: HttpRequest, queryset: QuerySet[Any]) -> tuple[Page[Any], str]:
    """One page of the list, and the other query parameters for the pagination links."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _matrix_counts(risks: QuerySet[Risk]) -> dict[tuple[int, int], int]:
    """The number of risks per (severity, likelihood), in one aggregate query. The severity is the
    highest of the three scales and an actual impact counts as very likely, as in `Risk.rank()`, so
    each risk lands in the cell of its own priority band."""
    cells = (
        risks.order_by()
        .annotate(
            cell_severity=Greatest("scale", "scope", "irremediable"),
            cell_likelihood=Case(
                When(actual=True, then=Value(int(Likelihood.VERY_LIKELY))),
                default=F("likelihood"),
                output_field=IntegerField(),
            ),
        )
        .values("cell_severity", "cell_likelihood")
        .annotate(count=Count("pk"))
    )
    return {(row["cell_severity"], row["cell_likelihood"]): row["count"] for row in cells}


@role_required(Role.COMPANY, Role.SECRETARIAT)
def risk_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The register, most urgent first, under its risk matrix; the secretariat filters by company."""
    risks = selectors.risk_list_for(request.user)
    filter_form = None
    if _is_secretariat(request):
        filter_form = CompanyFilterForm(request.GET)
        if not filter_form.is_valid():
            risks = risks.none()
        elif filter_form.cleaned_data["company"] is not None:
            risks = risks.filter(company=filter_form.cleaned_data["company"])
        risks = risks.select_related("company")
    matrix = risk_matrix(_matrix_counts(risks))
    page, query_string = _page(request, risks.annotate(action_count=Count("actions")))
    for risk in page.object_list:
        risk.severity_label = Level(risk.severity).label
    return render(
        request,
        "duediligence/risk_list.html",
        {
            "page_obj": page,
            "query_string": query_string,
            "matrix": matrix,
            "filter_form": filter_form,
            "is_secretariat": filter_form is not None,
        },
    )


def _risk_form_page(request: AuthenticatedRequest, risk: Risk | None) -> HttpResponse:
    form = RiskForm(request.POST or None, instance=risk, company_id=_company_id(request))
    if request.method == "POST" and form.is_valid():
        try:
            if risk is None:
                services.risk_create(actor=request.user, **form.service_kwargs())
            else:
                services.risk_update(actor=request.user, risk_id=risk.pk, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if risk is None:
                messages.success(request, gettext("The risk has been added to your risk register."))
            else:
                messages.success(request, gettext("The risk has been updated."))
            return redirect("duediligence:risks")
    return render(request, "duediligence/risk_form.html", {"form": form, "risk": risk})


@role_required(Role.COMPANY)
def risk_create_view(request: AuthenticatedRequest) -> HttpResponse:
    """A new entry in the company's risk register."""
    return _risk_form_page(request, None)


@role_required(Role.COMPANY)
def risk_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change one of the company's own risks; its priority follows the new scales."""
    return _risk_form_page(request, selectors.risk_get_for(request.user, pk))


@role_required(Role.COMPANY, Role.SECRETARIAT)
def action_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The action plan, soonest due first, with what is overdue; filtered by risk (and company)."""
    is_secretariat = _is_secretariat(request)
    actions = selectors.action_list_for(request.user)
    form = ActionFilterForm(
        request.GET, risks=selectors.risk_list_for(request.user), for_secretariat=is_secretariat
    )
    risk = None
    if not form.is_valid():
        # An unknown risk or company (or another company's risk) shows nothing, never everything.
        actions = actions.none()
    else:
        risk = form.cleaned_data["risk"]
        if risk is not None:
            actions = actions.filter(risk=risk)
        if form.cleaned_data.get("company") is not None:
            actions = actions.filter(company=form.cleaned_data["company"])
    if is_secretariat:
        actions = actions.select_related("company")
    page, query_string = _page(request, actions)
    today = timezone.localdate()
    for action in page.object_list:
        action.overdue = action.is_overdue(today)
    return render(
        request,
        "duediligence/action_list.html",
        {
            "page_obj": page,
            "query_string": query_string,
            "filter_form": form,
            "risk": risk,
            "is_secretariat": is_secretariat,
        },
    )


@role_required(Role.COMPANY)
def action_create_view(request: AuthenticatedRequest) -> HttpResponse:
    """A new action against one of the company's risks (`?risk=<id>` chooses it beforehand)."""
    risks = selectors.risk_list_for(request.user)
    chosen = request.GET.get("risk", "")
    initial = {"risk": chosen} if chosen.isdigit() else {}
    form = ActionForm(request.POST or None, risks=risks, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                actor=request.user, risk_id=form.cleaned_data["risk"].pk, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The action has been added to your action plan."))
            return redirect("duediligence:action", pk=action.pk)
    return render(
        request, "duediligence/action_form.html", {"form": form, "action": None, "has_risks": risks.exists()}
    )


@role_required(Role.COMPANY)
def action_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change one of the company's own actions (its risk stays)."""
    action = selectors.action_get_for(request.user, pk)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action_id=action.pk, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The action has been updated."))
            return redirect("duediligence:action", pk=action.pk)
    return render(
        request, "duediligence/action_form.html", {"form": form, "action": action, "has_risks": True}
    )


# The evidence file plus the form's text fields.
@accepts_uploads(max_bytes=MAX_EVIDENCE_BYTES + 1024 * 1024)
@role_required(Role.COMPANY, Role.SECRETARIAT)
def action_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The action, its risk and its progress log, newest first; the company adds a progress entry."""
    action = selectors.action_get_for(request.user, pk)
    form = None
    if role_of(request.user) == Role.COMPANY:
        form = ProgressForm(request.POST or None, request.FILES or None, initial={"on": timezone.localdate()})
    elif request.method == "POST":
        raise Http404  # the secretariat reads the plan; only the company writes it
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_progress_add(
                actor=request.user,
                action_id=action.pk,
                on=data["on"],
                note=data["note"],
                percentage=data["percentage"],
                evidence=data.get("evidence"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The progress has been recorded."))
            return redirect("duediligence:action", pk=action.pk)
    return render(
        request,
        "duediligence/action_detail.html",
        {
            "action": action,
            "risk": action.risk,
            "log": action.progress_log.order_by("-on", "-pk"),
            "form": form,
            # A cancelled action takes no more progress: its form shows only to explain a refusal.
            "show_form": form is not None and (action.status != Action.Status.CANCELLED or bool(form.errors)),
            "overdue": action.is_overdue(),
            "is_secretariat": _is_secretariat(request),
        },
    )
