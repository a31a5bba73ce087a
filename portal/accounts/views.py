from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required, signed_in_required
from portal.confirm import Confirmation, dry_run, is_cancelled, is_confirmed, render_confirmation
from portal.forms import add_service_errors
from portal.notifications.selectors import notification_list_for

from . import selectors, services
from .forms import OrganisationDecisionForm
from .roles import Role, role_of


@signed_in_required
def home_view(request: AuthenticatedRequest) -> HttpResponse:
    """Send each signed-in user to the home page of their role."""
    role = role_of(request.user)
    if role is None:
        return redirect("accounts:pending")
    return redirect("accounts:role-home", role=role.value)


@role_required(*Role)
def role_home_view(request: AuthenticatedRequest, role: str) -> HttpResponse:
    """A role's own home page: who you are, your organisation and your latest notifications."""
    if role_of(request.user) != role:
        raise Http404
    context = {
        "role": Role(role),
        "organisation": request.user.organisation,
        "latest_notifications": list(notification_list_for(request.user)[:5]),
        "pending_requests": (
            selectors.organisation_requests_for(request.user).count() if role == Role.SECRETARIAT else None
        ),
    }
    return render(request, "accounts/home.html", context)


@signed_in_required
def pending_view(request: AuthenticatedRequest) -> HttpResponse:
    organisation = request.user.organisation
    if organisation is not None and organisation.is_approved:
        return redirect("accounts:home")
    return render(request, "accounts/pending.html", {"organisation": organisation})


@role_required(Role.SECRETARIAT)
def organisation_requests_view(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.organisation_requests_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "accounts/organisation_requests.html", {"page_obj": page})


@role_required(Role.SECRETARIAT)
def organisation_review_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_visible_or_404(selectors.organisation_list_for(request.user), pk=pk)
    form = OrganisationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_cancelled(request):

        def decide() -> None:
            services.organisation_decide(
                actor=request.user,
                organisation_id=organisation.pk,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )

        try:
            if form.cleaned_data["decision"] == "reject" and not is_confirmed(request):
                dry_run(decide)
                confirmation = Confirmation(
                    title=_("Reject the account request of %(name)s?") % {"name": organisation.name},
                    consequence=_(
                        "The organisation's users cannot log in, and they are sent your note. This "
                        "cannot be undone: the organisation would have to request an account again."
                    ),
                    confirm_label=_("Yes, reject the request"),
                    summary=[
                        (_("Organisation"), organisation.name),
                        (_("Type"), organisation.get_kind_display()),
                        (_("Note to the applicant"), form.cleaned_data["note"]),
                    ],
                )
                return render_confirmation(request, form=form, action=request.path, confirmation=confirmation)
            decide()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your decision on %(name)s has been saved.") % {"name": organisation.name}
            )
            return redirect("accounts:organisation-requests")
    return render(
        request,
        "accounts/organisation_review.html",
        {"organisation": organisation, "form": form, "members": organisation.users.all()},
    )
