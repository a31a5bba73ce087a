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
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, role_required
from portal.confirm import Confirmation, dry_run, is_cancelled, is_confirmed, render_confirmation
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


def _close_confirmation(cycle: AnnualCycle, data: dict[str, Any], pending: int) -> Confirmation:
    warnings = []
    today = timezone.localdate()
    if today < cycle.ends_on:
        warnings.append(
            _(
                "This cycle runs until %(end)s: you are closing it before its end date. Members can no "
                "longer submit anything for it."
            )
            % {"end": date_format(cycle.ends_on)}
        )
    late = [label for label, day in cycle.deadlines() if day >= today]
    if late:
        warnings.append(
            _("Deadlines that have not passed yet: %(deadlines)s.") % {"deadlines": ", ".join(late)}
        )
    summary: list[tuple[str, Any]] = [
        (_("Cycle"), f"{cycle.covenant.name} {cycle.year}"),
        (_("Period"), f"{date_format(cycle.starts_on)} \u2013 {date_format(cycle.ends_on)}"),
    ]
    if pending:
        summary.append((_("Reason for closing with reviews pending"), data["reason"]))
    return Confirmation(
        title=_("Close the cycle?"),
        consequence=_("A closed cycle cannot be opened again, and its deadlines can no longer be changed."),
        confirm_label=_("Yes, close the cycle"),
        summary=summary,
        warnings=warnings,
    )


@require_POST
@role_required(*MANAGE_ROLES)
def cycle_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Close a cycle, after a confirmation step that warns when it is closed early."""
    cycle = selectors.cycle_get_for(request.user, pk)
    form = CycleCloseForm(request.POST)
    if form.is_valid() and not is_cancelled(request):
        pending = pending_reviews(cycle)
        # Without "close anyway" the service refuses pending reviews: no point in confirming first.
        blocked = pending and not form.cleaned_data["force"]

        def close() -> None:
            services.cycle_close(
                actor=request.user,
                cycle_id=cycle.pk,
                force=form.cleaned_data["force"],
                reason=form.cleaned_data["reason"],
            )

        try:
            if not blocked and not is_confirmed(request):
                dry_run(close)
                return render_confirmation(
                    request,
                    form=form,
                    action=request.path,
                    confirmation=_close_confirmation(cycle, form.cleaned_data, pending),
                )
            close()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cycle has been closed."))
            return redirect("covenants:cycle-detail", pk=cycle.pk)
    return render(request, "covenants/cycle_detail.html", _cycle_context(request, cycle, close_form=form))
