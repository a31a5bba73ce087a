"""Aggregates of a covenant for the dashboards and the annual report (top layer), one query each."""

from __future__ import annotations

from django.db.models import Count, Q

from .models import Covenant, Membership

S = Membership.Status


def membership_figures(covenant: Covenant, year: int) -> dict[str, int]:
    """Members now (active, suspended), applications waiting, and who joined and left in `year`."""
    return Membership.objects.filter(covenant=covenant).aggregate(
        active=Count("pk", filter=Q(status=S.ACTIVE)),
        suspended=Count("pk", filter=Q(status=S.SUSPENDED)),
        applied=Count("pk", filter=Q(status=S.APPLIED)),
        joined=Count("pk", filter=Q(joined_on__year=year)),
        left=Count("pk", filter=Q(status=S.ENDED, ended_on__year=year)),
    )
