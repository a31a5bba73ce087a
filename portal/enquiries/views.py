"""The contact form (public) and the secretariat's inbox. Thin: parse, call a selector or a service,
render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, public, role_required
from portal.confirm import Confirmation, is_cancelled, is_confirmed, render_confirmation
from portal.forms import add_service_errors
from portal.ratelimit import hit

from . import selectors, services
from .forms import AnswerForm, AssignForm, EnquiryFilterForm, EnquiryForm
from .models import Enquiry
from .permissions import INBOX_ROLES

PAGE_SIZE = 25
#: Enquiries per client address (attempts, seconds) when the settings name none.
DEFAULT_LIMIT = (10, 3600)


def complaint_form_url() -> str:
    """Where a visitor with a complaint is sent; the URL name comes from the settings, so the
    platform does not name a domain app."""
    try:
        return reverse(getattr(settings, "PORTAL_ENQUIRY_COMPLAINT_URL", "") or "-")
    except NoReverseMatch:
        return ""


def submit_allowed(request: HttpRequest) -> bool:
    """Fails open: a visitor is never refused because the cache is down."""
    limit = getattr(settings, "PORTAL_ENQUIRY_LIMIT", DEFAULT_LIMIT)
    return hit("enquiries:submit", request, limit, fail_open=True)


def _contact(request: HttpRequest, form: EnquiryForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "enquiries/contact.html",
        {"form": form, "complaint_url": complaint_form_url()},
        status=status,
    )


def _initial(request: HttpRequest) -> dict[str, str]:
    """A signed-in user's own details, so they need not type them."""
    user: Any = request.user
    if not user.is_authenticated:
        return {}
    organisation = getattr(user, "organisation", None)
    return {
        "name": user.get_full_name(),
        "email": user.email,
        "organisation": organisation.name if organisation is not None else "",
    }


@public
@never_cache
def contact_view(request: HttpRequest) -> HttpResponse:
    """The contact form. The complaint topic goes to the complaint form; a filled honeypot gets the
    same confirmation page, and nothing is stored."""
    if request.method != "POST":
        return _contact(request, EnquiryForm(initial=_initial(request)))
    form = EnquiryForm(request.POST)
    if form.is_spam():
        return render(request, "enquiries/sent.html")
    if form.chose_complaint() and complaint_form_url():
        return redirect(complaint_form_url())
    if not submit_allowed(request):
        return render(request, "429.html", status=429)
    if form.is_valid():
        try:
            services.enquiry_submit(language=get_language(), **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(request, "enquiries/sent.html")
    return _contact(request, form, status=400)


@role_required(*INBOX_ROLES)
def enquiry_list_view(request: AuthenticatedRequest) -> HttpResponse:
    form = EnquiryFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    status, topic = chosen.get("status", ""), chosen.get("topic", "")
    enquiries = selectors.enquiry_list_for(request.user, status=status, topic=topic)
    page = Paginator(enquiries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in (("status", status), ("topic", topic)) if value})
    return render(
        request,
        "enquiries/list.html",
        {"form": form, "page_obj": page, "query_string": query, "filtered": bool(status or topic)},
    )


def _detail(request: AuthenticatedRequest, enquiry: Enquiry, status: int = 200, **bound: Any) -> HttpResponse:
    context = {
        "enquiry": enquiry,
        "assign_form": bound.get("assign_form") or AssignForm(initial={"assignee": enquiry.assigned_to_id}),
        "answer_form": bound.get("answer_form") or AnswerForm(),
        "Status": Enquiry.Status,
    }
    return render(request, "enquiries/detail.html", context, status=status)


@role_required(*INBOX_ROLES)
def enquiry_detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.enquiry_get_for(request.user, pk))


def _done(pk: int, message: str, request: HttpRequest) -> HttpResponse:
    messages.success(request, message)
    return redirect("enquiries:detail", pk=pk)


@require_POST
@role_required(*INBOX_ROLES)
def enquiry_assign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enquiry = selectors.enquiry_get_for(request.user, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.enquiry_assign(
                actor=request.user, enquiry_id=enquiry.pk, assignee_id=form.cleaned_data["assignee"].pk
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(enquiry.pk, gettext("The enquiry has been assigned."), request)
    return _detail(request, enquiry, status=400, assign_form=form)


@require_POST
@role_required(*INBOX_ROLES)
def enquiry_answer_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enquiry = selectors.enquiry_get_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.enquiry_answer(
                actor=request.user, enquiry_id=enquiry.pk, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(enquiry.pk, gettext("The answer will be sent by e-mail."), request)
    return _detail(request, enquiry, status=400, answer_form=form)


@require_POST
@role_required(*INBOX_ROLES)
def enquiry_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Close after a confirmation step: a closed enquiry cannot be reopened."""
    enquiry = selectors.enquiry_get_for(request.user, pk)
    if is_cancelled(request):
        return redirect("enquiries:detail", pk=enquiry.pk)
    if not is_confirmed(request):
        if enquiry.status == Enquiry.Status.CLOSED:
            messages.error(request, gettext("This enquiry is closed already."))
            return _detail(request, enquiry, status=400)
        confirmation = Confirmation(
            title=gettext("Close this enquiry?"),
            consequence=gettext(
                "A closed enquiry cannot be opened again or answered. Its personal data is erased "
                "after the retention period."
            ),
            confirm_label=gettext("Yes, close the enquiry"),
            summary=[(gettext("Topic"), enquiry.get_topic_display()), (gettext("From"), enquiry.name)],
            warnings=[] if enquiry.answer else [gettext("This enquiry has not been answered.")],
        )
        return render_confirmation(
            request,
            form=forms.Form(),
            action=reverse("enquiries:close", kwargs={"pk": enquiry.pk}),
            confirmation=confirmation,
        )
    try:
        services.enquiry_close(actor=request.user, enquiry_id=enquiry.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _detail(request, enquiry, status=400)
    return _done(enquiry.pk, gettext("The enquiry has been closed."), request)
