"""Thin views: parse input, call one selector or service, render. Each states who may use it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.accounts.roles import Role, role_of
from portal.forms import add_service_errors

from . import selectors, services, workflow
from .forms import (
    CovenantForm,
    CovenantStatusForm,
    CycleCloseForm,
    CycleForm,
    MeetingForm,
    MembershipApplicationForm,
    MembershipDecisionForm,
    MembershipEndForm,
    MembershipReinstateForm,
    MembershipSuspendForm,
    PartyEndForm,
    PartyForm,
    RiskThemeForm,
    SteeringMemberEndForm,
    SteeringMemberForm,
)
from .hooks import pending_reviews
from .models import AnnualCycle, Covenant, Membership
from .permissions import APPLY_ROLES, MANAGE_ROLES, MEMBERSHIP_ROLES

PAGE_SIZE = 25
#: Member companies per page on a covenant's page (real covenants have up to ~130).
MEMBERS_PAGE_SIZE = 100


# --- public pages ----------------------------------------------------------------------------------


def covenant_list_view(request: HttpRequest) -> HttpResponse:
    """Public: the covenants, with sector, status, period, member count and themes."""
    page = Paginator(selectors.covenant_list_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    htmx = getattr(request, "htmx", False)
    template = "covenants/_covenant_table.html" if htmx else "covenants/covenant_list.html"
    return render(request, template, {"page_obj": page})


def covenant_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: purpose, parties, current members, themes and the complaint route. Governance only for
    the covenant's parties, people with a seat on its steering group, and the secretariat."""
    covenant = selectors.covenant_get_for(request.user, slug)
    paginator = Paginator(selectors.public_member_list(covenant), MEMBERS_PAGE_SIZE)
    # Already counted by the selector (an annotation): no second COUNT query.
    paginator.count = covenant.member_count  # type: ignore[attr-defined]
    members = paginator.get_page(request.GET.get("members_page"))
    return render(
        request,
        "covenants/covenant_detail.html",
        {
            "covenant": covenant,
            "members": members,
            "can_apply": role_of(request.user) in APPLY_ROLES and covenant.accepts_members,
            "can_manage": role_of(request.user) in MANAGE_ROLES,
        },
    )


@role_required(*Role)
def meeting_minutes_view(request: AuthenticatedRequest, slug: str, pk: int) -> FileResponse:
    """The minutes file, for those who may see the covenant's governance; always as a download."""
    meeting = selectors.meeting_get_for(request.user, slug, pk)
    if not meeting.minutes:
        raise Http404
    return FileResponse(meeting.minutes.open("rb"), as_attachment=True, filename=meeting.minutes_name)


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


# --- secretariat: parties and governance -----------------------------------------------------------


def _parties_context(
    request: AuthenticatedRequest, covenant: Covenant, form: BaseForm | None = None
) -> dict[str, Any]:
    return {
        "covenant": covenant,
        "parties": selectors.party_list_for(request.user, covenant),
        "form": form or PartyForm(initial={"joined_on": timezone.localdate()}),
        "end_form": PartyEndForm(initial={"left_on": timezone.localdate()}),
    }


@role_required(*MANAGE_ROLES)
def party_manage_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    form = PartyForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.party_add(actor=request.user, covenant_id=covenant.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The party has been added."))
            return redirect("covenants:parties", slug=covenant.slug)
    return render(request, "covenants/parties.html", _parties_context(request, covenant, form))


@require_POST
@role_required(*MANAGE_ROLES)
def party_end_view(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    party = get_visible_or_404(selectors.party_list_for(request.user, covenant), pk=pk)
    form = PartyEndForm(request.POST)
    if form.is_valid():
        try:
            services.party_end(actor=request.user, party_id=party.pk, left_on=form.cleaned_data["left_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s has left the covenant.") % {"name": party.organisation.name}
            )
            return redirect("covenants:parties", slug=covenant.slug)
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect("covenants:parties", slug=covenant.slug)


def _governance_context(
    request: AuthenticatedRequest, covenant: Covenant, form: BaseForm | None = None
) -> dict[str, Any]:
    return {
        "covenant": covenant,
        "members": selectors.steering_group_for(request.user, covenant),
        "meetings": selectors.meeting_list_for(request.user, covenant),
        "form": form or SteeringMemberForm(initial={"since": timezone.localdate()}),
        "end_form": SteeringMemberEndForm(initial={"until": timezone.localdate()}),
    }


@role_required(*MANAGE_ROLES)
def governance_manage_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The steering group (add and end seats) and the list of its meetings."""
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    form = SteeringMemberForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["user"] = data.pop("account_email")
        try:
            services.steering_member_add(actor=request.user, covenant_id=covenant.pk, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The steering group member has been added."))
            return redirect("covenants:governance", slug=covenant.slug)
    return render(request, "covenants/governance.html", _governance_context(request, covenant, form))


@require_POST
@role_required(*MANAGE_ROLES)
def steering_member_end_view(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    member = get_visible_or_404(selectors.steering_group_for(request.user, covenant), pk=pk)
    form = SteeringMemberEndForm(request.POST)
    if form.is_valid():
        try:
            services.steering_member_end(
                actor=request.user, member_id=member.pk, until=form.cleaned_data["until"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The seat of %(name)s has ended.") % {"name": member.person_name})
            return redirect("covenants:governance", slug=covenant.slug)
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect("covenants:governance", slug=covenant.slug)


@role_required(*MANAGE_ROLES)
def meeting_create_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(actor=request.user, covenant_id=covenant.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been recorded."))
            return redirect("covenants:governance", slug=covenant.slug)
    return render(
        request, "covenants/meeting_form.html", {"covenant": covenant, "form": form, "meeting": None}
    )


@role_required(*MANAGE_ROLES)
def meeting_edit_view(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    meeting = get_visible_or_404(selectors.meeting_list_for(request.user, covenant), pk=pk)
    initial = {"held_on": meeting.held_on, "agenda": meeting.agenda, "decisions": meeting.decisions}
    form = MeetingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting_id=meeting.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been updated."))
            return redirect("covenants:governance", slug=covenant.slug)
    return render(
        request, "covenants/meeting_form.html", {"covenant": covenant, "form": form, "meeting": meeting}
    )


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
    request: AuthenticatedRequest, pk: int, form_class: type[BaseForm], context_key: str, run: Any, done: str
) -> HttpResponse:
    membership = selectors.membership_get_for(request.user, pk)
    form = form_class(request.POST, prefix=MEMBERSHIP_FORM_PREFIXES[context_key])
    if form.is_valid():
        try:
            run(membership, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("covenants:membership-detail", pk=membership.pk)
    context = _membership_context(request, membership, **{context_key: form})
    # A refused move (e.g. another secretary decided first) still shows the form the user filled in.
    context.setdefault(context_key, form)
    return render(request, "covenants/membership_detail.html", context)


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

    return _membership_action(
        request, pk, MembershipDecisionForm, "decision_form", run, _("Your decision has been saved.")
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

    return _membership_action(
        request, pk, MembershipSuspendForm, "suspend_form", run, _("The membership has been suspended.")
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

    return _membership_action(request, pk, MembershipEndForm, "end_form", run, _("The membership has ended."))


@role_required(*MANAGE_ROLES)
def application_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """Applications waiting for the secretariat's decision, oldest first."""
    page = Paginator(selectors.membership_applications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "covenants/application_list.html", {"page_obj": page})


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
