from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.accounts.roles import Role

from . import selectors, services
from .forms import OutboxFilterForm

ALL_ROLES = tuple(Role)
OUTBOX_PAGE_SIZE = 25


@role_required(*ALL_ROLES)
def notification_list_view(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@require_POST
@role_required(*ALL_ROLES)
def notification_open_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = get_visible_or_404(selectors.notification_list_for(request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification_id=notification.pk)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@role_required(*ALL_ROLES)
def notification_read_all_view(request: AuthenticatedRequest) -> HttpResponse:
    services.notification_mark_read(user=request.user)
    return redirect("notifications:list")


@role_required(Role.SECRETARIAT)
def outbox_list_view(request: AuthenticatedRequest) -> HttpResponse:
    """The secretariat's list of e-mails that failed or wait too long, with their last error."""
    form = OutboxFilterForm(request.GET or None)
    status = (form.cleaned_data["status"] if form.is_valid() else "") or "problems"
    page = Paginator(selectors.notification_outbox_list(status=status), OUTBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/outbox.html",
        {"form": form, "page_obj": page, "status": status, "query_string": f"status={status}"},
    )


@require_POST
@role_required(Role.SECRETARIAT)
def outbox_retry_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send a failed or long-waiting e-mail again (a fresh series of attempts, audited)."""
    notification = get_visible_or_404(selectors.notification_outbox_list(status="problems"), pk=pk)
    if services.notification_retry(actor=request.user, notification_ids=[notification.pk]):
        messages.success(request, _("The e-mail will be sent again."))
    else:
        messages.info(request, _("This e-mail is being sent right now. Check again in a few minutes."))
    status = request.POST.get("status", "")
    query = f"?status={status}" if status in selectors.OUTBOX_FILTERS else ""
    return redirect(reverse("notifications:outbox") + query)
