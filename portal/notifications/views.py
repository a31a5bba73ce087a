from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, get_visible_or_404, role_required
from portal.accounts.roles import Role

from . import selectors, services

ALL_ROLES = tuple(Role)


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
