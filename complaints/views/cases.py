"""Case pages: the list per reader, the case file (for the complainant with an account or a receipt
code, the respondent from admissibility on, the assigned committee and the secretariat), the actions
on a case, and the permission-checked document download. Every case page is `no-store`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from covenants.models import Covenant
from portal.access import AuthenticatedRequest, public, role_required
from portal.accounts.roles import Role
from portal.core.languages import offered_in_complainant_languages
from portal.forms import add_service_errors

from .. import selectors, services
from ..case_forms import (
    AssignForm,
    DeclineForm,
    EraseForm,
    FeedbackForm,
    FollowUpForm,
    HearingForm,
    IdentityForm,
    MessageForm,
    MoveForm,
    PauseForm,
    PublishForm,
    RouteForm,
    RulingForm,
)
from ..models import Complaint, Document, Party
from ..permissions import CASE_LIST_ROLES, may_see_identity
from ..selectors import CaseFile
from ..status import CaseStatus
from .cases_context import case_context, linked_companies, next_moves

PAGE_SIZE = 25


def _actor(request: HttpRequest, reference: str) -> tuple[Any, Complaint, Party]:
    """Who reads the case: the signed-in user if it takes part, else the receipt holder of this
    browser session. 404 for anyone else (also for a case that does not exist)."""
    candidates: list[Any] = []
    if request.user.is_authenticated:
        candidates.append(request.user)
    holder = selectors.holder_for(request.session, reference)
    if holder is not None:
        candidates.append(holder)
    for actor in candidates:
        try:
            complaint, party = selectors.complaint_get_for(actor, reference)
        except Complaint.DoesNotExist:
            continue
        return actor, complaint, party
    raise Http404


@role_required(*CASE_LIST_ROLES)
@never_cache
def complaint_list_view(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    covenant = request.GET.get("covenant", "")
    cases = selectors.complaint_list_for(
        request.user, status=status, covenant_id=int(covenant) if covenant.isdigit() else None
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/case_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": CaseStatus.choices,
            "covenants": Covenant.objects.order_by("name_en"),
            "covenant": covenant,
        },
    )


def _render(
    request: HttpRequest, actor: Any, case: CaseFile, status: int = 200, **bound: Form
) -> HttpResponse:
    return render(request, "complaints/case.html", case_context(request, actor, case, bound), status=status)


@public  # access is checked per case: the parties only (account or receipt code), 404 for anyone else
@never_cache
@offered_in_complainant_languages
def case_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The case file; a POST adds a message (with documents)."""
    actor, complaint, party = _actor(request, reference)
    case = selectors.case_file_for(complaint, party)
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES, staff=case.is_staff)
        if form.is_valid():
            try:
                services.message_post(
                    actor=actor,
                    complaint_id=complaint.pk,
                    body=form.cleaned_data["body"],
                    visibility=form.cleaned_data.get("visibility") or "parties",
                    attachments=form.cleaned_data.get("attachments") or [],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, gettext("Your message has been sent."))
                return redirect("complaints:case", reference=reference)
        return _render(request, actor, case, status=400, message=form)
    return _render(request, actor, case)


# --- actions on a case -----------------------------------------------------------------------------

Handler = Callable[[HttpRequest, Any, CaseFile], tuple[Form, str | None]]


def _attempt(form: Form, call: Callable[[dict[str, Any]], Any], done: str) -> tuple[Form, str | None]:
    """Validate the form, then let the service decide; its refusal is shown at the field it names."""
    if not form.is_valid():
        return form, None
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return form, None
    return form, done


def _move(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    form = MoveForm(request.POST, choices=[(s, CaseStatus(s).label) for s in next_moves(case)])
    call = lambda d: services.complaint_move(actor=actor, complaint_id=case.complaint.pk, **d)  # noqa: E731
    return _attempt(form, call, gettext("The case has moved on."))


def _pause(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    pk = case.complaint.pk
    if case.complaint.paused_since is not None:
        call = lambda d: services.complaint_resume(actor=actor, complaint_id=pk)  # noqa: E731
        return _attempt(Form(request.POST), call, gettext("The clock runs again."))
    call = lambda d: services.complaint_pause(actor=actor, complaint_id=pk, reason=d["reason"])  # noqa: E731
    return _attempt(PauseForm(request.POST), call, gettext("The case is paused; its clock has stopped."))


def _assign(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    form = AssignForm(request.POST, members=services.committee_members())
    call = lambda d: services.committee_assign(  # noqa: E731
        actor=actor, complaint_id=case.complaint.pk, member_id=int(d["member"])
    )
    return _attempt(form, call, gettext("The committee member has been assigned."))


def _decline(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    call = lambda d: services.committee_decline(  # noqa: E731
        actor=actor, complaint_id=case.complaint.pk, reason=d["reason"]
    )
    return _attempt(
        DeclineForm(request.POST), call, gettext("You have declined the case. The secretariat has been told.")
    )


def _route(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    form = RouteForm(request.POST, companies=linked_companies(case.complaint))
    call = lambda d: services.respondents_route(  # noqa: E731
        actor=actor, complaint_id=case.complaint.pk, company_ids=[int(pk) for pk in d["companies"]]
    )
    return _attempt(form, call, gettext("The complaint has been routed to the chosen companies."))


def _hearing(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    call = lambda d: services.hearing_set(actor=actor, complaint_id=case.complaint.pk, **d)  # noqa: E731
    return _attempt(
        HearingForm(request.POST), call, gettext("The hearing has been planned; the parties have been told.")
    )


def _ruling(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    form = RulingForm(request.POST, companies=[r.company for r in case.respondents])
    call = lambda d: services.ruling_record(  # noqa: E731
        actor=actor,
        complaint_id=case.complaint.pk,
        outcome=d["outcome"],
        text_nl=d["text_nl"],
        text_en=d["text_en"],
        recommendations=d["recommendations"],
    )
    return _attempt(form, call, gettext("The ruling has been recorded and sent to the parties."))


def _follow_up(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    call = lambda d: services.follow_up_report_add(  # noqa: E731
        actor=actor, complaint_id=case.complaint.pk, body=d["body"]
    )
    return _attempt(FollowUpForm(request.POST), call, gettext("Your report has been sent to the committee."))


def _publish(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    call = lambda d: services.complaint_publish(actor=actor, complaint_id=case.complaint.pk, **d)  # noqa: E731
    return _attempt(PublishForm(request.POST), call, gettext("The case is published."))


def _feedback(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    call = lambda d: services.feedback_give(actor=actor, complaint_id=case.complaint.pk, **d)  # noqa: E731
    return _attempt(FeedbackForm(request.POST), call, gettext("Thank you for your answer."))


def _erase(request: HttpRequest, actor: Any, case: CaseFile) -> tuple[Form, str | None]:
    call = lambda d: services.identity_erase(  # noqa: E731
        actor=actor, complaint_id=case.complaint.pk, reason=d["reason"]
    )
    return _attempt(
        EraseForm(request.POST), call, gettext("The complainant's contact details have been erased.")
    )


ACTIONS: dict[str, Handler] = {
    "move": _move,
    "pause": _pause,
    "assign": _assign,
    "decline": _decline,
    "route": _route,
    "hearing": _hearing,
    "ruling": _ruling,
    "follow-up": _follow_up,
    "publish": _publish,
    "feedback": _feedback,
    "erase": _erase,
}


@public  # access is checked per case and per action by the services; 404 for anyone without access
@require_POST
@never_cache
@offered_in_complainant_languages
def case_action_view(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    actor, complaint, party = _actor(request, reference)
    case = selectors.case_file_for(complaint, party)
    try:
        form, done = handler(request, actor, case)
    except (PermissionDenied, Complaint.DoesNotExist) as exc:
        raise Http404 from exc
    if done is None:
        return _render(request, actor, case, status=400, **{action.replace("-", "_"): form})
    messages.success(request, done)
    if action == "decline":
        return redirect("complaints:list")
    return redirect("complaints:case", reference=reference)


@role_required(Role.SECRETARIAT, Role.COMMITTEE, Role.COMPANY)
@require_POST
@never_cache
def case_identity_view(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """Show the complainant's contact details (each read goes to the access log)."""
    actor, complaint, party = _actor(request, reference)
    case = selectors.case_file_for(complaint, party)
    if not may_see_identity(party, complaint):
        raise Http404
    form = IdentityForm(request.POST)
    if not form.is_valid():
        return _render(request, actor, case, status=400, identity=form)
    identity = services.identity_read(actor=actor, complaint=complaint, purpose=form.cleaned_data["purpose"])
    context = case_context(request, actor, case, {})
    context["identity_shown"] = identity
    context["identity_none"] = identity is None
    return render(request, "complaints/case.html", context)


@role_required(Role.SECRETARIAT)
@never_cache
def case_export_view(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """The complainant's personal data of one case, as JSON (an access request)."""
    _actor_user, complaint, _party = _actor(request, reference)
    data = services.identity_export(actor=request.user, complaint=complaint)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{complaint.reference}-personal-data.json"'
    return response


@public  # access is checked per case and per document visibility: 404 otherwise
@never_cache
@offered_in_complainant_languages
def document_download_view(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    actor, _complaint, _party = _actor(request, reference)
    try:
        document = selectors.document_get_for(actor, reference, pk)
    except (Document.DoesNotExist, Complaint.DoesNotExist) as exc:
        raise Http404 from exc
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=document.name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(Role.SECRETARIAT)
@never_cache
def access_log_view(request: AuthenticatedRequest) -> HttpResponse:
    reads = selectors.identity_access_list_for(request.user)
    query = request.GET.get("reference", "").strip()
    if query:
        reads = reads.filter(Q(complaint__reference__iexact=query))
    page = Paginator(reads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/access_log.html", {"page_obj": page, "reference": query})
