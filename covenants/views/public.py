"""Public covenant pages, and the minutes download for those who may see them."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.access import AuthenticatedRequest, public, role_required
from portal.accounts.roles import Role, role_of

from .. import selectors
from ..permissions import APPLY_ROLES, MANAGE_ROLES

PAGE_SIZE = 25
#: Member companies per page on a covenant's page (real covenants have up to ~130).
MEMBERS_PAGE_SIZE = 100


# --- public pages ----------------------------------------------------------------------------------


@public
def covenant_list_view(request: HttpRequest) -> HttpResponse:
    """Public: the covenants, with sector, status, period, member count and themes."""
    page = Paginator(selectors.covenant_list_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    htmx = getattr(request, "htmx", False)
    template = "covenants/_covenant_table.html" if htmx else "covenants/covenant_list.html"
    return render(request, template, {"page_obj": page})


@public
def covenant_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: purpose, parties, current members, themes and the complaint route. Governance only for
    the covenant's parties, people with a seat on its steering group, and the secretariat."""
    covenant = selectors.covenant_get_for(request.user, slug)
    paginator = Paginator(selectors.public_member_list(covenant), MEMBERS_PAGE_SIZE)
    # Already counted by the selector (an annotation): no second COUNT query.
    paginator.count = covenant.member_count  # type: ignore[attr-defined]
    members = paginator.get_page(request.GET.get("members_page"))
    return render(
        request,
        "covenants/covenant_detail.html",
        {
            "covenant": covenant,
            "members": members,
            "can_apply": role_of(request.user) in APPLY_ROLES and covenant.accepts_members,
            "can_manage": role_of(request.user) in MANAGE_ROLES,
        },
    )


@role_required(*Role)
def meeting_minutes_view(request: AuthenticatedRequest, slug: str, pk: int) -> FileResponse:
    """The minutes file, for those who may see the covenant's governance; always as a download."""
    meeting = selectors.meeting_get_for(request.user, slug, pk)
    if not meeting.minutes:
        raise Http404
    return FileResponse(meeting.minutes.open("rb"), as_attachment=True, filename=meeting.minutes_name)
