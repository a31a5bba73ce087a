"""A user's own API tokens: create (the key is shown once), see and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, role_required
from portal.forms import add_service_errors

from . import tokens
from .forms import ApiTokenForm
from .roles import Role


@role_required(*Role)
def token_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = tokens.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    context = {"form": form, "new_key": new_key, "tokens": tokens.api_token_list_for(request.user)}
    # The page with a new key answers the POST directly: the key is never stored to show it later.
    return render(request, "accounts/tokens.html", context)


@require_POST
@role_required(*Role)
def token_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        token = tokens.api_token_revoke(actor=request.user, token_id=pk)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, _("The token %(name)s has been revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
