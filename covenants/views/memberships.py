"""Memberships: a company applies and follows them; the secretariat decides."""

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
from portal.accounts.roles import role_of
from portal.confirm import Confirmation, dry_run, is_cancelled, is_confirmed, render_confirmation
from portal.forms import add_service_errors

from .. import selectors, services, workflow
from ..forms import (
    MembershipApplicationForm,
    MembershipDecisionForm,
    MembershipEndForm,
    MembershipReinstateForm,
    MembershipSuspendForm,
)
from ..models import Membership
from ..permissions import APPLY_ROLES, MANAGE_ROLES, MEMBERSHIP_ROLES

PAGE_SIZE = 25


# --- memberships -----------------------------------------------------------------------------------


@role_required(*MEMBERSHIP_ROLES)
def membership_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """A company's own memberships and applications (the secretariat sees every membership)."""
    qs = selectors.membership_list_for(request.user)
    status = request.GET.get("status", "")
    if status in Membership.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "covenants/membership_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": Membership.Status.choices,
            "query_string": f"status={status}" if status else "",
            "can_apply": role_of(request.user) in APPLY_ROLES,
        },
    )


@role_required(*APPLY_ROLES)
def membership_apply_view(request: AuthenticatedRequest) -> HttpResponse:
    """A company applies to join a covenant with its adherence declaration."""
    organisation = request.user.organisation
    assert organisation is not None  # role_required(COMPANY) let us in
    already = selectors.company_open_covenant_ids(organisation)
    offered = [c for c in selectors.covenant_accepting_members() if c.pk not in already]
    initial: dict[str, Any] = {
        "contact_name": request.user.get_full_name(),
        "contact_email": request.user.email,
    }
    wanted = request.GET.get("covenant")
    if wanted:
        match = next((c for c in offered if c.slug == wanted), None)
        if match is not None:
            initial["covenant"] = match.pk
    form = MembershipApplicationForm(request.POST or None, initial=initial, offered=offered)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_apply(
                actor=request.user, covenant_id=form.cleaned_data["covenant"].pk, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your application to join %(covenant)s has been sent to the secretariat.")
                % {"covenant": membership.covenant.name},
            )
            return redirect("covenants:membership-detail", pk=membership.pk)
    return render(request, "covenants/membership_apply.html", {"form": form, "offered": offered})


#: Several forms share one page: each gets a prefix so their fields' ids differ.
MEMBERSHIP_FORM_PREFIXES = {
    "decision_form": "decide",
    "suspend_form": "suspend",
    "reinstate_form": "reinstate",
    "end_form": "end",
}


def _membership_context(
    request: AuthenticatedRequest, membership: Membership, **forms: BaseForm
) -> dict[str, Any]:
    manage = role_of(request.user) in MANAGE_ROLES
    today = timezone.localdate()
    allowed = workflow.allowed(membership.status)
    context: dict[str, Any] = {
        "membership": membership,
        "events": membership.events.all(),
        "can_manage": manage,
    }
    if manage:
        if membership.status == Membership.Status.APPLIED:
            context["decision_form"] = forms.get("decision_form") or MembershipDecisionForm(
                prefix=MEMBERSHIP_FORM_PREFIXES["decision_form"]
            )
        if Membership.Status.SUSPENDED in allowed:
            context["suspend_form"] = forms.get("suspend_form") or MembershipSuspendForm(
                prefix=MEMBERSHIP_FORM_PREFIXES["suspend_form"], initial={"effective_on": today}
            )
        if membership.status == Membership.Status.SUSPENDED:
            context["reinstate_form"] = forms.get("reinstate_form") or MembershipReinstateForm(
                prefix=MEMBERSHIP_FORM_PREFIXES["reinstate_form"], initial={"effective_on": today}
            )
        if Membership.Status.ENDED in allowed:
            context["end_form"] = forms.get("end_form") or MembershipEndForm(
                prefix=MEMBERSHIP_FORM_PREFIXES["end_form"], initial={"ended_on": today}
            )
    return context


@role_required(*MEMBERSHIP_ROLES)
def membership_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A membership with its declaration and full history; the secretariat also sees what it can do."""
    membership = selectors.membership_get_for(request.user, pk)
    return render(request, "covenants/membership_detail.html", _membership_context(request, membership))


def _membership_action(
    request: AuthenticatedRequest,
    pk: int,
    form_class: type[BaseForm],
    context_key: str,
    run: Any,
    done: str,
    confirm: Any = None,
) -> HttpResponse:
    """Validate, then (for what cannot be undone) confirm on a separate page, then call the service.

    ``confirm(membership, data)`` returns the Confirmation to show, or None when the action needs none.
    """
    membership = selectors.membership_get_for(request.user, pk)
    form = form_class(request.POST, prefix=MEMBERSHIP_FORM_PREFIXES[context_key])
    if form.is_valid() and not is_cancelled(request):
        confirmation = confirm(membership, form.cleaned_data) if confirm else None
        try:
            if confirmation is not None and not is_confirmed(request):
                dry_run(lambda: run(membership, form.cleaned_data))
                return render_confirmation(request, form=form, action=request.path, confirmation=confirmation)
            run(membership, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("covenants:membership-detail", pk=membership.pk)
    # Cancelled, invalid or refused: the page again, with the form as the user filled it in (a refused
    # move, e.g. another secretary decided first, still shows the form).
    context = _membership_context(request, membership, **{context_key: form})
    context.setdefault(context_key, form)
    return render(request, "covenants/membership_detail.html", context)


def _who(membership: Membership) -> list[tuple[str, Any]]:
    return [(_("Company"), membership.company.name), (_("Covenant"), membership.covenant.name)]


@require_POST
@role_required(*MANAGE_ROLES)
def membership_decide_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def run(membership: Membership, data: dict[str, Any]) -> None:
        services.membership_decide(
            actor=request.user,
            membership_id=membership.pk,
            approve=data["decision"] == "approve",
            note=data["note"],
            joined_on=data["joined_on"],
        )

    def confirm(membership: Membership, data: dict[str, Any]) -> Confirmation | None:
        if data["decision"] != "reject":
            return None
        return Confirmation(
            title=_("Reject the application?"),
            consequence=_(
                "The application is rejected and the company is sent your reasons. "
                "This cannot be undone: the company would have to apply again."
            ),
            confirm_label=_("Yes, reject the application"),
            summary=[*_who(membership), (_("Reasons for the decision"), data["note"])],
        )

    return _membership_action(
        request, pk, MembershipDecisionForm, "decision_form", run, _("Your decision has been saved."), confirm
    )


@require_POST
@role_required(*MANAGE_ROLES)
def membership_suspend_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def run(membership: Membership, data: dict[str, Any]) -> None:
        services.membership_suspend(
            actor=request.user,
            membership_id=membership.pk,
            note=data["note"],
            effective_on=data["effective_on"],
        )

    def confirm(membership: Membership, data: dict[str, Any]) -> Confirmation:
        return Confirmation(
            title=_("Suspend the membership?"),
            consequence=_(
                "The company stays listed but its membership is suspended from the date below, "
                "and the company is told the reason."
            ),
            confirm_label=_("Yes, suspend the membership"),
            summary=[
                *_who(membership),
                (_("Suspended from"), date_format(data["effective_on"])),
                (_("Reason for the suspension"), data["note"]),
            ],
        )

    return _membership_action(
        request,
        pk,
        MembershipSuspendForm,
        "suspend_form",
        run,
        _("The membership has been suspended."),
        confirm,
    )


@require_POST
@role_required(*MANAGE_ROLES)
def membership_reinstate_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def run(membership: Membership, data: dict[str, Any]) -> None:
        services.membership_reinstate(
            actor=request.user,
            membership_id=membership.pk,
            note=data["note"],
            effective_on=data["effective_on"],
        )

    return _membership_action(
        request, pk, MembershipReinstateForm, "reinstate_form", run, _("The membership is active again.")
    )


@require_POST
@role_required(*MANAGE_ROLES)
def membership_end_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def run(membership: Membership, data: dict[str, Any]) -> None:
        services.membership_end(
            actor=request.user,
            membership_id=membership.pk,
            reason=data["reason"],
            ended_on=data["ended_on"],
            note=data["note"],
        )

    def confirm(membership: Membership, data: dict[str, Any]) -> Confirmation:
        return Confirmation(
            title=_("End the membership?"),
            consequence=_(
                "The company stops being a member and a party of the covenant on the date below. "
                "This cannot be undone: the company would have to apply again."
            ),
            confirm_label=_("Yes, end the membership"),
            summary=[
                *_who(membership),
                (_("Reason for ending"), Membership.EndReason(data["reason"]).label),
                (_("Ended on"), date_format(data["ended_on"])),
                (_("Explanation"), data["note"]),
            ],
        )

    return _membership_action(
        request, pk, MembershipEndForm, "end_form", run, _("The membership has ended."), confirm
    )


@role_required(*MANAGE_ROLES)
def application_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """Applications waiting for the secretariat's decision, oldest first."""
    page = Paginator(selectors.membership_applications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "covenants/application_list.html", {"page_obj": page})
