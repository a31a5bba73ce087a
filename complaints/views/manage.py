"""The secretariat's pages: registering a complaint received by phone, post or e-mail (or a dispute),
and each covenant's complaint rules (public tracker, retention)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from covenants.models import Covenant
from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role
from portal.forms import add_service_errors

from .. import services
from ..case_forms import SettingsForm
from ..forms import RegisterForm
from ..models import ComplaintSettings
from .public import filed_response


@role_required(Role.SECRETARIAT)
@never_cache
def register_view(request: AuthenticatedRequest) -> HttpResponse:
    languages = [(code, name) for code, name in settings.LANGUAGES]
    form = RegisterForm(request.POST or None, request.FILES or None, languages=languages)
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.complaint_file(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return filed_response(request, filed)
    return render(request, "complaints/register.html", {"form": form}, status=400 if form.errors else 200)


@role_required(Role.SECRETARIAT)
def settings_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = get_object_or_404(Covenant, slug=slug)
    rule = ComplaintSettings.for_covenant(covenant.pk)
    initial = {
        "public_tracker": rule.public_tracker,
        "contact_retention_months": rule.contact_retention_months,
        "anonymise_after_years": rule.anonymise_after_years,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_settings_update(
                actor=request.user, covenant_id=covenant.pk, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The complaint rules of this covenant have been saved."))
    return render(request, "complaints/settings.html", {"form": form, "covenant": covenant})
