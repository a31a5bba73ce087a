"""Public covenant pages, and the minutes download for those who may see them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.access import AuthenticatedRequest, public, role_required
from portal.accounts.roles import Role, role_of

from .. import fragments, hooks, selectors
from ..models import Covenant, NewsItem, PartyRole, Sector
from ..permissions import APPLY_ROLES, MANAGE_ROLES

PAGE_SIZE = 25
#: Member companies per page on a covenant's page (real covenants have up to ~130).
MEMBERS_PAGE_SIZE = 100


# --- public pages ----------------------------------------------------------------------------------


@public
def covenant_list_view(request: HttpRequest) -> HttpResponse:
    """Public: the covenants, with sector, status, period, member count and themes."""
    number = _page_number(request.GET.get("page"))

    def render_table() -> str:
        page = Paginator(selectors.covenant_list_for(request.user), PAGE_SIZE).get_page(number)
        page.object_list = _with_labels(list(page.object_list))
        return render_to_string("covenants/_covenant_table.html", {"page_obj": page})

    # Users who see the same covenants share the table (rendered without the request: nothing personal).
    table = fragments.cached_fragment(
        ("list", selectors.covenant_list_scope(request.user), number), render_table
    )
    if getattr(request, "htmx", False):
        return HttpResponse(table)
    return render(request, "covenants/covenant_list.html", {"covenant_table": table})


@public
def covenant_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: purpose, parties, current members, themes and the complaint route. Governance only for
    the covenant's parties, people with a seat on its steering group, and the secretariat."""
    number = _page_number(request.GET.get("members_page"))
    context: dict[str, Any] = {}

    def render_page() -> tuple[str, str]:
        covenant = selectors.covenant_page_get_for(request.user, slug)
        paginator = Paginator(selectors.public_member_rows(covenant), MEMBERS_PAGE_SIZE)
        # Already counted by the selector (an annotation): no second COUNT query.
        paginator.count = covenant.member_count  # type: ignore[attr-defined]
        members = paginator.get_page(number)

        def render_sections() -> str:
            selectors.covenant_sections_load(covenant)
            roles = {value: str(label) for value, label in PartyRole.choices}
            for party in covenant.current_parties:  # type: ignore[attr-defined]
                party.role_label = roles.get(party.role, party.role)
            rows = list(members.object_list)
            details = hooks.member_details(covenant.pk, [company_id for company_id, _name, _on in rows])
            member_rows = [(name, joined_on, details.get(company_id)) for company_id, name, joined_on in rows]
            return render_to_string(
                "covenants/_covenant_sections.html",
                {
                    "covenant": covenant,
                    "members": members,
                    "member_rows": member_rows,
                    "with_performance": bool(details),
                },
            )

        # The same for everyone who may see the covenant.
        sections = fragments.cached_fragment(("sections", covenant.pk, members.number), render_sections)
        _with_labels([covenant])
        context.update(covenant=covenant, members=members)
        content = render_to_string(
            "covenants/_covenant_page.html",
            {
                **context,
                "public_sections": sections,
                "can_apply": role_of(request.user) in APPLY_ROLES and covenant.accepts_members,
                "can_manage": role_of(request.user) in MANAGE_ROLES,
            },
        )
        return covenant.name, content

    if not request.user.is_authenticated:
        # For visitors who are not signed in nothing on the page depends on who asks, so the whole
        # content is shared. A covenant they may not see raises Http404 while rendering: nothing stored.
        title, content = fragments.cached(("page", slug, number), render_page)
    else:
        title, content = render_page()
    latest_news = _latest_news(slug)
    return render(
        request,
        "covenants/covenant_detail.html",
        {
            **context,
            "page_title": title,
            "page_content": mark_safe(content),  # nosec B308 B703 # noqa: S308 - rendered above
            "latest_news": latest_news,
            "covenant_slug": slug,
        },
    )


def _latest_news(slug: str) -> list[NewsItem]:
    """The covenant's three latest public news items, cached like the page (a write retires them) and
    kept only until the next scheduled item of the covenant is due, which then appears on time."""

    def load() -> tuple[list[NewsItem], datetime | None]:
        items = list(NewsItem.objects.public().filter(covenant__slug=slug)[:3])
        due = (
            NewsItem.objects.filter(
                covenant__slug=slug, status=NewsItem.Status.PUBLISHED, publish_at__gt=timezone.now()
            )
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )
        return items, due

    items, due = fragments.cached(("news", slug), load)
    if due is not None and due <= timezone.now():
        items, due = load()
    return items


def _with_labels(covenants: list[Covenant]) -> list[Covenant]:
    """Sets `sector_label` and `status_label`, each label translated once per list: the model's
    get_..._display() translates every label of its choices on each call, for each row."""
    sectors = {value: str(label) for value, label in Sector.choices}
    statuses = {value: str(label) for value, label in Covenant.Status.choices}
    for covenant in covenants:
        covenant.sector_label = sectors.get(covenant.sector, covenant.sector)  # type: ignore[attr-defined]
        covenant.status_label = statuses.get(covenant.status, covenant.status)  # type: ignore[attr-defined]
    return covenants


def _page_number(value: str | None) -> int:
    """A page number from the query string; anything else is the first page (keys stay few)."""
    if value and value.isdigit() and len(value) <= 4:
        return int(value)
    return 1


@role_required(*Role)
def meeting_minutes_view(request: AuthenticatedRequest, slug: str, pk: int) -> FileResponse:
    """The minutes file, for those who may see the covenant's governance; always as a download."""
    meeting = selectors.meeting_get_for(request.user, slug, pk)
    if not meeting.minutes:
        raise Http404
    return FileResponse(meeting.minutes.open("rb"), as_attachment=True, filename=meeting.minutes_name)
