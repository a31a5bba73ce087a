"""Location signals: report (NGO, union, secretariat), my signals (reporter), the secretariat's inbox
and relay, a company's relayed signals and its response, and the evidence download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.accounts.roles import Role, role_of
from portal.confirm import Confirmation, dry_run, is_cancelled, is_confirmed, render_confirmation
from portal.core.middleware import accepts_uploads
from portal.forms import add_service_errors

from .. import relay, signal_selectors
from ..signal_forms import SignalRelayForm, SignalReportForm, SignalRespondForm


# The evidence file plus the form's text fields.
@accepts_uploads(max_bytes=relay.MAX_EVIDENCE_BYTES + 1024 * 1024)
@role_required(*relay.REPORTER_ROLES)
def signal_report_view(request: AuthenticatedRequest) -> HttpResponse:
    """Report a problem at a location, chosen by its public ID (prefilled from `?location=`)."""
    initial = {"location": request.GET.get("location", "")[:20]}
    form = SignalReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            relay.signal_report(
                actor=request.user,
                location_id=data["location"].pk,
                description=data["description"],
                occurred_on=data["occurred_on"],
                theme_id=data["theme"].pk,
                evidence=data.get("evidence"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("Thank you. The secretariat has received your signal."))
            if role_of(request.user) == Role.SECRETARIAT:
                return redirect("companies:signal-inbox")
            return redirect("companies:my-signals")
    return render(request, "companies/signal_report.html", {"form": form})


@role_required(Role.NGO, Role.TRADE_UNION)
def my_signals_view(request: AuthenticatedRequest) -> HttpResponse:
    """The reporter's signals with their status; the number of companies only from the threshold on."""
    signals = list(signal_selectors.signal_list_for_reporter(request.user)[:200])
    for signal in signals:
        signal.shown_count = signal_selectors.relayed_count_shown(signal)  # type: ignore[attr-defined]
    return render(request, "companies/my_signals.html", {"signals": signals})


@role_required(Role.SECRETARIAT)
def signal_inbox_view(request: AuthenticatedRequest) -> HttpResponse:
    """The secretariat's signals, with the linked companies (confidential) and what they answered."""
    signals = list(signal_selectors.signal_inbox_for(request.user)[:200])
    linked = relay.linked_companies_by_location(
        [s.location_id for s in signals if s.status == s.Status.REPORTED]
    )
    for signal in signals:
        signal.linked = linked.get(signal.location_id, [])  # type: ignore[attr-defined]
    return render(request, "companies/signal_inbox.html", {"signals": signals})


@role_required(Role.SECRETARIAT)
def signal_relay_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Relay a signal to every linked company, after a confirmation step."""
    if request.method != "POST" or is_cancelled(request):
        return redirect("companies:signal-inbox")
    signal = get_visible_or_404(signal_selectors.signal_inbox_for(request.user), pk=pk)
    form = SignalRelayForm(request.POST)
    form.is_valid()
    try:
        if not is_confirmed(request):
            dry_run(lambda: relay.signal_relay(actor=request.user, signal_id=signal.pk))
            companies = relay.linked_companies(signal.location)
            confirmation = Confirmation(
                title=gettext("Relay this signal?"),
                consequence=gettext(
                    "Every linked member company receives the signal and an e-mail, and can respond. "
                    "The reporter sees that the signal was relayed, never to whom."
                ),
                confirm_label=gettext("Yes, relay the signal"),
                summary=[
                    (gettext("Location"), f"{signal.location.name} ({signal.location.public_id})"),
                    (gettext("Companies"), ", ".join(company.name for company in companies)),
                ],
            )
            return render_confirmation(request, form=form, action=request.path, confirmation=confirmation)
        relay.signal_relay(actor=request.user, signal_id=signal.pk)
        messages.success(request, gettext("The signal has been relayed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("companies:signal-inbox")


@role_required(Role.SECRETARIAT)
def signal_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Close a signal, after a confirmation step: no more relays or responses."""
    if request.method != "POST" or is_cancelled(request):
        return redirect("companies:signal-inbox")
    signal = get_visible_or_404(signal_selectors.signal_inbox_for(request.user), pk=pk)
    form = SignalRelayForm(request.POST)
    form.is_valid()
    try:
        if not is_confirmed(request):
            dry_run(lambda: relay.signal_close(actor=request.user, signal_id=signal.pk))
            confirmation = Confirmation(
                title=gettext("Close this signal?"),
                consequence=gettext(
                    "The signal can no longer be relayed, and companies can no longer respond."
                ),
                confirm_label=gettext("Yes, close the signal"),
                summary=[(gettext("Location"), f"{signal.location.name} ({signal.location.public_id})")],
            )
            return render_confirmation(request, form=form, action=request.path, confirmation=confirmation)
        relay.signal_close(actor=request.user, signal_id=signal.pk)
        messages.success(request, gettext("The signal has been closed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("companies:signal-inbox")


@role_required(Role.COMPANY)
def company_signals_view(request: AuthenticatedRequest) -> HttpResponse:
    """The signals relayed to the user's company, each with its response form."""
    relays = list(signal_selectors.signal_relay_list_for(request.user)[:200])
    for item in relays:
        item.form = SignalRespondForm(  # type: ignore[attr-defined]
            initial={"response": item.response, "follow_up": item.follow_up}, prefix=f"r{item.pk}"
        )
    return render(request, "companies/company_signals.html", {"relays": relays})


@role_required(Role.COMPANY)
def signal_respond_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The company records its response and follow-up to one signal relayed to it."""
    item = get_visible_or_404(signal_selectors.signal_relay_list_for(request.user), pk=pk)
    form = SignalRespondForm(request.POST or None, prefix=f"r{item.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            relay.signal_respond(actor=request.user, relay_id=item.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("Your response has been recorded."))
            return redirect("companies:company-signals")
    return render(request, "companies/signal_respond.html", {"relay": item, "form": form})


@role_required(Role.SECRETARIAT, Role.NGO, Role.TRADE_UNION, Role.COMPANY)
def signal_evidence_view(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The evidence file, for the reporter, the secretariat and the companies it was relayed to."""
    signal = get_visible_or_404(signal_selectors.signal_with_evidence_for(request.user), pk=pk)
    if not signal.evidence:
        raise Http404
    return FileResponse(signal.evidence.open("rb"), as_attachment=True, filename=signal.evidence_name)
