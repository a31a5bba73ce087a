"""A location's status moves only through its service and its transition table, with history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from companies import services, workflow
from companies.models import LocationEvent, LocationStatus

from .factories import LocationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        ("active", "closed", True),
        ("active", "moved", True),
        ("closed", "active", True),
        ("closed", "moved", True),
        ("moved", "active", False),
        ("moved", "closed", False),
        ("active", "active", False),
    ],
)
def test_transition_table(current, to, allowed):
    if allowed:
        workflow.check(current, to)
    else:
        with pytest.raises(ValidationError):
            workflow.check(current, to)


def test_closing_and_reopening_writes_history(secretariat_user):
    location = LocationFactory()
    services.location_status_change(actor=secretariat_user, location_id=location.pk, to="closed")
    services.location_status_change(actor=secretariat_user, location_id=location.pk, to="active")
    events = LocationEvent.objects.filter(location=location).order_by("pk")
    assert [(e.from_status, e.to_status) for e in events] == [("active", "closed"), ("closed", "active")]


def test_a_move_needs_its_new_active_location(secretariat_user):
    old, new = LocationFactory(), LocationFactory()
    with pytest.raises(ValidationError) as info:
        services.location_status_change(actor=secretariat_user, location_id=old.pk, to="moved")
    assert "moved_to" in info.value.message_dict
    with pytest.raises(ValidationError):
        services.location_status_change(
            actor=secretariat_user, location_id=old.pk, to="moved", moved_to_id=old.pk
        )
    services.location_status_change(
        actor=secretariat_user, location_id=old.pk, to="moved", moved_to_id=new.pk
    )
    old.refresh_from_db()
    assert old.status == LocationStatus.MOVED and old.moved_to == new


def test_only_the_secretariat_changes_a_status(company_user):
    with pytest.raises(PermissionDenied):
        services.location_status_change(actor=company_user, location_id=LocationFactory().pk, to="closed")
