from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Organisation
from .roles import Role, role_of


def organisation_list_for(user: Any) -> QuerySet[Organisation]:
    """The secretariat sees every organisation; other signed-in users see approved ones and their own."""
    role = role_of(user)
    if role is None:
        return Organisation.objects.none()
    if role == Role.SECRETARIAT:
        return Organisation.objects.all()
    return Organisation.objects.filter(status=Organisation.Status.APPROVED)


def organisation_requests_for(user: Any) -> QuerySet[Organisation]:
    """Waiting account requests: the secretariat's intake queue."""
    if role_of(user) != Role.SECRETARIAT:
        return Organisation.objects.none()
    return Organisation.objects.filter(status=Organisation.Status.PENDING).order_by("created_at")
