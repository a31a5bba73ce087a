"""The secretariat keeps parties, the steering group and its meetings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.confirm import Confirmation, dry_run, is_cancelled, is_confirmed, render_confirmation
from portal.core.middleware import accepts_uploads
from portal.forms import add_service_errors

from .. import selectors, services
from ..forms import (
    MeetingForm,
    PartyEndForm,
    PartyForm,
    SteeringMemberEndForm,
    SteeringMemberForm,
)
from ..models import Covenant
from ..permissions import MANAGE_ROLES
from ..services.governance import MAX_MINUTES_BYTES

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


def _confirmed_end(
    request: AuthenticatedRequest,
    form: BaseForm,
    act: Callable[[], object],
    confirmation: Callable[[], Confirmation],
    cancelled: Callable[[], HttpResponse],
    done: str,
    back: HttpResponse,
) -> HttpResponse:
    """Shared by the end-a-party and end-a-seat buttons in the tables: confirm, then act."""
    if form.is_valid():
        if is_cancelled(request):
            return cancelled()
        try:
            if not is_confirmed(request):
                dry_run(act)
                return render_confirmation(
                    request, form=form, action=request.path, confirmation=confirmation()
                )
            act()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return back
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return back


@require_POST
@role_required(*MANAGE_ROLES)
def party_end_view(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """Record that a party leaves the covenant, after a confirmation step."""
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    party = get_visible_or_404(selectors.party_list_for(request.user, covenant), pk=pk)
    form = PartyEndForm(request.POST)

    def act() -> None:
        services.party_end(actor=request.user, party_id=party.pk, left_on=form.cleaned_data["left_on"])

    def confirmation() -> Confirmation:
        return Confirmation(
            title=_("Record that %(name)s leaves the covenant?") % {"name": party.organisation.name},
            consequence=_(
                "From this date the organisation is no longer a party: it loses access to the "
                "covenant's governance. Add it again as a new party if this was a mistake."
            ),
            confirm_label=_("Yes, record leaving"),
            summary=[
                (_("Organisation"), party.organisation.name),
                (_("Role"), party.get_role_display()),
                (_("Left on"), date_format(form.cleaned_data["left_on"])),
            ],
        )

    def cancelled() -> HttpResponse:
        context = _parties_context(request, covenant)
        context["kept"] = {"pk": party.pk, "date": form.cleaned_data["left_on"]}
        return render(request, "covenants/parties.html", context)

    return _confirmed_end(
        request,
        form,
        act,
        confirmation,
        cancelled,
        _("%(name)s has left the covenant.") % {"name": party.organisation.name},
        redirect("covenants:parties", slug=covenant.slug),
    )


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
    """End a steering-group seat, after a confirmation step."""
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    member = get_visible_or_404(selectors.steering_group_for(request.user, covenant), pk=pk)
    form = SteeringMemberEndForm(request.POST)

    def act() -> None:
        services.steering_member_end(
            actor=request.user, member_id=member.pk, until=form.cleaned_data["until"]
        )

    def confirmation() -> Confirmation:
        return Confirmation(
            title=_("End the seat of %(name)s?") % {"name": member.person_name},
            consequence=_(
                "From this date the person no longer sits on the steering group and no longer sees "
                "its meetings through this seat."
            ),
            confirm_label=_("Yes, end the seat"),
            summary=[
                (_("Name"), member.person_name),
                (_("Represents"), member.get_represents_display()),
                (_("Seat ends on"), date_format(form.cleaned_data["until"])),
            ],
        )

    def cancelled() -> HttpResponse:
        context = _governance_context(request, covenant)
        context["kept"] = {"pk": member.pk, "date": form.cleaned_data["until"]}
        return render(request, "covenants/governance.html", context)

    return _confirmed_end(
        request,
        form,
        act,
        confirmation,
        cancelled,
        _("The seat of %(name)s has ended.") % {"name": member.person_name},
        redirect("covenants:governance", slug=covenant.slug),
    )


# The minutes file plus the form's text fields.
@accepts_uploads(max_bytes=MAX_MINUTES_BYTES + 1024 * 1024)
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


# The minutes file plus the form's text fields.
@accepts_uploads(max_bytes=MAX_MINUTES_BYTES + 1024 * 1024)
@role_required(*MANAGE_ROLES)
def meeting_edit_view(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    covenant = selectors.covenant_edit_get_for(request.user, slug)
    meeting = get_visible_or_404(selectors.meeting_list_for(request.user, covenant), pk=pk)
    initial = {
        "held_on": meeting.held_on,
        "agenda": meeting.agenda,
        "agenda_en": meeting.agenda_en,
        "decisions": meeting.decisions,
        "decisions_en": meeting.decisions_en,
    }
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
