"""The secretariat edits covenants, their status and their risk themes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, role_required
from portal.forms import add_service_errors

from .. import selectors, services, workflow
from ..forms import (
    CovenantForm,
    CovenantStatusForm,
    RiskThemeForm,
)
from ..models import Covenant
from ..permissions import MANAGE_ROLES

PAGE_SIZE = 25


# --- secretariat: covenants ------------------------------------------------------------------------


@role_required(*MANAGE_ROLES)
def covenant_manage_view(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.covenant_manage_list_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "covenants/manage.html", {"page_obj": page})


@role_required(*MANAGE_ROLES)
def covenant_create_view(request: AuthenticatedRequest) -> HttpResponse:
    form = CovenantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            covenant = services.covenant_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The covenant %(name)s has been created.") % {"name": covenant.name})
            return redirect("covenants:edit", slug=covenant.slug)
    return render(request, "covenants/covenant_form.html", {"form": form, "covenant": None})


def _edit_context(request: AuthenticatedRequest, covenant: Covenant, **forms: Any) -> dict[str, Any]:
    return {
        "covenant": covenant,
        "form": forms.get("form") or CovenantForm(instance=covenant),
        "theme_form": forms.get("theme_form") or RiskThemeForm(prefix="theme"),
        "status_form": forms.get("status_form") or CovenantStatusForm(prefix="status"),
        "next_statuses": [
            Covenant.Status(s)
            for s in sorted(workflow.COVENANT_TRANSITIONS[Covenant.Status(covenant.status)])
        ],
    }


@role_required(*MANAGE_ROLES)
def covenant_edit_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    form = CovenantForm(request.POST or None, instance=covenant)
    if request.method == "POST" and form.is_valid():
        try:
            covenant = services.covenant_update(
                actor=request.user, covenant_id=covenant.pk, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("covenants:edit", slug=covenant.slug)
    if request.method == "POST":
        # The form changed the instance while validating; show the stored covenant around it.
        covenant = selectors.covenant_edit_get_for(request.user, slug)
    return render(request, "covenants/covenant_form.html", _edit_context(request, covenant, form=form))


@require_POST
@role_required(*MANAGE_ROLES)
def covenant_status_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    form = CovenantStatusForm(request.POST, prefix="status")
    if form.is_valid():
        try:
            services.covenant_transition(
                actor=request.user,
                covenant_id=covenant.pk,
                to=Covenant.Status(form.cleaned_data["to"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The covenant's status has been changed."))
            return redirect("covenants:edit", slug=covenant.slug)
    return render(request, "covenants/covenant_form.html", _edit_context(request, covenant, status_form=form))


@require_POST
@role_required(*MANAGE_ROLES)
def theme_create_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    form = RiskThemeForm(request.POST, prefix="theme")
    if form.is_valid():
        try:
            services.risk_theme_add(actor=request.user, covenant_id=covenant.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The theme has been added and selected."))
            return redirect("covenants:edit", slug=covenant.slug)
    return render(request, "covenants/covenant_form.html", _edit_context(request, covenant, theme_form=form))
