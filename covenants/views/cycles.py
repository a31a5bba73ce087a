"""Annual cycles: the secretariat creates, opens and closes them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, role_required
from portal.forms import add_service_errors

from .. import selectors, services
from ..forms import (
    CycleCloseForm,
    CycleForm,
)
from ..hooks import pending_reviews
from ..models import AnnualCycle
from ..permissions import MANAGE_ROLES

PAGE_SIZE = 25


# --- annual cycles ---------------------------------------------------------------------------------


@role_required(*MANAGE_ROLES)
def cycle_list_view(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.cycle_list_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "covenants/cycle_list.html", {"page_obj": page})


@role_required(*MANAGE_ROLES)
def cycle_create_view(request: AuthenticatedRequest) -> HttpResponse:
    initial = CycleForm.suggested_initial(timezone.localdate().year)
    wanted = request.GET.get("covenant")
    if wanted:
        covenant = selectors.covenant_manage_list_for(request.user).filter(slug=wanted).first()
        if covenant is not None:
            initial["covenant"] = covenant.pk
    form = CycleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(
                actor=request.user, covenant_id=form.cleaned_data["covenant"].pk, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cycle has been planned. Open it when the members may start."))
            return redirect("covenants:cycle-detail", pk=cycle.pk)
    return render(request, "covenants/cycle_form.html", {"form": form, "cycle": None})


def _cycle_context(request: AuthenticatedRequest, cycle: AnnualCycle, **forms: BaseForm) -> dict[str, Any]:
    return {
        "cycle": cycle,
        "pending": pending_reviews(cycle) if cycle.status == AnnualCycle.Status.OPEN else 0,
        "form": forms.get("form")
        or (CycleForm(instance=cycle) if cycle.status != AnnualCycle.Status.CLOSED else None),
        "close_form": forms.get("close_form") or CycleCloseForm(),
    }


@role_required(*MANAGE_ROLES)
def cycle_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A cycle's deadlines (editable until it closes), and opening or closing it."""
    cycle = selectors.cycle_get_for(request.user, pk)
    if request.method == "POST":
        form = CycleForm(request.POST, instance=cycle)
        if form.is_valid():
            try:
                services.cycle_update(actor=request.user, cycle_id=cycle.pk, **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The deadlines have been saved."))
                return redirect("covenants:cycle-detail", pk=cycle.pk)
        cycle = selectors.cycle_get_for(request.user, pk)
        return render(request, "covenants/cycle_detail.html", _cycle_context(request, cycle, form=form))
    return render(request, "covenants/cycle_detail.html", _cycle_context(request, cycle))


@require_POST
@role_required(*MANAGE_ROLES)
def cycle_open_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for(request.user, pk)
    try:
        services.cycle_open(actor=request.user, cycle_id=cycle.pk)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The cycle is open. The active members have been notified."))
    return redirect("covenants:cycle-detail", pk=cycle.pk)


@require_POST
@role_required(*MANAGE_ROLES)
def cycle_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for(request.user, pk)
    form = CycleCloseForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_close(
                actor=request.user,
                cycle_id=cycle.pk,
                force=form.cleaned_data["force"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cycle has been closed."))
            return redirect("covenants:cycle-detail", pk=cycle.pk)
    return render(request, "covenants/cycle_detail.html", _cycle_context(request, cycle, close_form=form))
