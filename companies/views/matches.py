"""The secretariat's review queue of potential location matches: side by side, with the score and why."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.accounts.roles import Role
from portal.confirm import Confirmation, dry_run, is_cancelled, is_confirmed, render_confirmation

from .. import selectors, services

PAGE_SIZE = 25


class MatchDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Same location: merge")), ("reject", _("Different locations"))],
    )


@role_required(Role.SECRETARIAT)
def match_queue_view(request: AuthenticatedRequest) -> HttpResponse:
    """Secretariat: potential matches waiting for review, best score first."""
    page = Paginator(selectors.location_match_queue_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    names = dict(countries)
    for match in page.object_list:
        for location in (match.candidate, match.existing):
            location.country_name = names.get(location.country.code, location.country.code)
    return render(request, "companies/match_queue.html", {"page_obj": page})


@role_required(Role.SECRETARIAT)
def match_decide_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Secretariat: confirm (merge, after a confirmation step) or reject one potential match."""
    if request.method != "POST":
        return redirect("companies:matches")
    match = get_visible_or_404(selectors.location_match_queue_for(request.user), pk=pk)
    form = MatchDecisionForm(request.POST)
    if not form.is_valid() or is_cancelled(request):
        return redirect("companies:matches")
    decision = form.cleaned_data["decision"]
    candidate = match.candidate
    assert candidate is not None  # the queue holds only matches with a candidate
    try:
        if decision == "confirm":
            if not is_confirmed(request):
                dry_run(lambda: services.location_match_confirm(actor=request.user, match_id=match.pk))
                confirmation = Confirmation(
                    title=gettext("Merge these two locations?"),
                    consequence=gettext(
                        "Every supply link of the new location moves to the existing location, and the new "
                        "location is marked as merged. The secretariat can undo the merge later."
                    ),
                    confirm_label=gettext("Yes, merge the locations"),
                    summary=[
                        (gettext("New location"), f"{candidate.name}\n{candidate.address}"),
                        (gettext("Existing location"), f"{match.existing.name}\n{match.existing.address}"),
                        (gettext("Score"), f"{match.score} ({match.rule})"),
                    ],
                )
                return render_confirmation(request, form=form, action=request.path, confirmation=confirmation)
            services.location_match_confirm(actor=request.user, match_id=match.pk)
            messages.success(request, gettext("The locations have been merged."))
        else:
            services.location_match_reject(actor=request.user, match_id=match.pk)
            messages.success(request, gettext("The match has been rejected; both locations stay."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("companies:matches")
