"""Reads with rules: only the secretariat sees enquiries; everyone else gets nothing (not a count)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from portal.access import get_visible_or_404

from .models import Enquiry
from .permissions import may_handle


def enquiry_list_for(user: Any, *, status: str = "", topic: str = "") -> QuerySet[Enquiry]:
    """The enquiries this user may see, newest first, with who they are assigned to (one query)."""
    if not may_handle(user):
        return Enquiry.objects.none()
    enquiries = Enquiry.objects.select_related("assigned_to")
    if status in Enquiry.Status.values:
        enquiries = enquiries.filter(status=status)
    if topic in Enquiry.Topic.values:
        enquiries = enquiries.filter(topic=topic)
    return enquiries.order_by("-created_at", "-pk")


def enquiry_get_for(user: Any, enquiry_id: Any) -> Enquiry:
    """The enquiry, or Http404 when it does not exist or the user may not see it."""
    if not may_handle(user):
        raise Http404
    return get_visible_or_404(Enquiry.objects.select_related("assigned_to", "answered_by"), pk=enquiry_id)


def enquiry_counts_for(user: Any) -> dict[str, int]:
    """How many enquiries are open, assigned (to anyone, and to this user): one query."""
    if not may_handle(user):
        return {"open": 0, "assigned": 0, "mine": 0}
    return Enquiry.objects.aggregate(
        open=Count("pk", filter=Q(status=Enquiry.Status.OPEN)),
        assigned=Count("pk", filter=Q(status=Enquiry.Status.ASSIGNED)),
        mine=Count("pk", filter=Q(status=Enquiry.Status.ASSIGNED, assigned_to=user)),
    )
