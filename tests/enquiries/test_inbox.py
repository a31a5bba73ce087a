"""The secretariat's inbox: filters and pages, assign, answer by e-mail through the outbox, close after
a confirmation; every action audited; nobody else sees an enquiry (404, not 403)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.accounts.roles import Role
from portal.audit.models import AuditEvent
from portal.enquiries import services, workflow
from portal.enquiries.models import Enquiry
from portal.notifications.models import Notification
from tests.factories import user_with_role

from .helpers import enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def staff(secretariat_user) -> Client:
    client = Client()
    client.force_login(secretariat_user)
    return client


def test_the_inbox_filters_by_status_and_topic(staff, secretariat_user):
    join = enquiry(name="Joining Person")
    enquiry(topic="due_diligence", name="Diligent Person")
    services.enquiry_assign(actor=secretariat_user, enquiry_id=join.pk, assignee_id=secretariat_user.pk)
    everything = staff.get(reverse("enquiries:list")).content.decode()
    assert "Joining Person" in everything and "Diligent Person" in everything
    assigned = staff.get(reverse("enquiries:list") + "?status=assigned").content.decode()
    assert "Joining Person" in assigned and "Diligent Person" not in assigned
    topic = staff.get(reverse("enquiries:list") + "?topic=due_diligence").content.decode()
    assert "Diligent Person" in topic and "Joining Person" not in topic
    assert "No enquiries match" in staff.get(reverse("enquiries:list") + "?status=closed").content.decode()


def test_the_inbox_is_paginated_and_keeps_the_filter_in_the_page_links(staff):
    for number in range(27):
        enquiry(name=f"Person {number}")
    html = staff.get(reverse("enquiries:list") + "?status=open").content.decode()
    assert "Page 1 of 2" in html and "?status=open&amp;page=2" in html
    assert "Person 0" in staff.get(reverse("enquiries:list") + "?status=open&page=2").content.decode()


def test_assign_answer_and_close(staff, secretariat_user, django_capture_on_commit_callbacks):
    colleague = user_with_role(Role.SECRETARIAT, first_name="Col", last_name="League")
    item = enquiry()
    mail.outbox.clear()
    url = reverse("enquiries:detail", kwargs={"pk": item.pk})
    page = staff.get(url).content.decode()
    assert "How do we join the garments covenant?" in page and "anouk@example.test" in page

    assigned = staff.post(reverse("enquiries:assign", kwargs={"pk": item.pk}), {"assignee": colleague.pk})
    assert assigned.status_code == 302
    item.refresh_from_db()
    assert item.status == "assigned" and item.assigned_to == colleague

    with django_capture_on_commit_callbacks(execute=True):
        answered = staff.post(
            reverse("enquiries:answer", kwargs={"pk": item.pk}), {"answer": "Apply through the portal."}
        )
    assert answered.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.answer, item.answered_by) == (
        "answered",
        "Apply through the portal.",
        secretariat_user,
    )
    outgoing = Notification.objects.get(to_email="anouk@example.test", body="Apply through the portal.")
    assert outgoing.kind == "enquiry"
    assert [m.body for m in mail.outbox] == ["Apply through the portal."]
    assert "Apply through the portal." in staff.get(url).content.decode()

    confirm = staff.post(reverse("enquiries:close", kwargs={"pk": item.pk}))
    assert confirm.status_code == 200 and "Yes, close the enquiry" in confirm.content.decode()
    item.refresh_from_db()
    assert item.status == "answered"  # the first POST only asks
    closed = staff.post(reverse("enquiries:close", kwargs={"pk": item.pk}), {"confirmed": "yes"})
    assert closed.status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.closed_at is not None
    actions = list(
        AuditEvent.objects.filter(target_type="enquiries.enquiry", target_id=str(item.pk))
        .order_by("created_at", "pk")
        .values_list("action", "actor")
    )
    assert actions == [
        ("enquiry.assigned", secretariat_user.pk),
        ("enquiry.answered", secretariat_user.pk),
        ("enquiry.closed", secretariat_user.pk),
    ]


def test_a_closed_enquiry_is_neither_answered_nor_assigned_again(secretariat_user):
    item = enquiry()
    services.enquiry_close(actor=secretariat_user, enquiry_id=item.pk)
    with pytest.raises(ValidationError, match="cannot be answered"):
        services.enquiry_answer(actor=secretariat_user, enquiry_id=item.pk, answer="Late.")
    with pytest.raises(ValidationError):
        services.enquiry_assign(actor=secretariat_user, enquiry_id=item.pk, assignee_id=secretariat_user.pk)
    with pytest.raises(ValidationError):
        services.enquiry_close(actor=secretariat_user, enquiry_id=item.pk)


@pytest.mark.parametrize(("current", "to"), [(c, t) for c in workflow.TRANSITIONS for t in Enquiry.Status])
def test_the_workflow_table_is_the_check(current, to):
    if to in workflow.TRANSITIONS[current]:
        workflow.check(current, to)
    else:
        with pytest.raises(ValidationError):
            workflow.check(current, to)


def test_an_empty_answer_is_refused_at_its_field_and_the_page_stays(staff):
    item = enquiry()
    response = staff.post(reverse("enquiries:answer", kwargs={"pk": item.pk}), {"answer": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "error-summary" in html and "Write the answer." in html
    assert 'href="#id_answer"' in html
    item.refresh_from_db()
    assert item.status == "open"


def test_only_a_member_of_the_secretariat_can_be_assigned(staff, company_user):
    item = enquiry()
    response = staff.post(reverse("enquiries:assign", kwargs={"pk": item.pk}), {"assignee": company_user.pk})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    item.refresh_from_db()
    assert item.assigned_to is None


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SECRETARIAT])
def test_another_role_gets_404_and_the_services_refuse(role):
    user = user_with_role(role)
    item = enquiry()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("enquiries:list")).status_code == 404
    assert client.get(reverse("enquiries:detail", kwargs={"pk": item.pk})).status_code == 404
    response = client.post(reverse("enquiries:answer", kwargs={"pk": item.pk}), {"answer": "Hi"})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.enquiry_answer(actor=user, enquiry_id=item.pk, answer="Hi")
    item.refresh_from_db()
    assert item.answer == ""


def test_the_secretariats_home_shows_the_open_enquiries(staff, secretariat_user):
    enquiry()
    enquiry()
    html = staff.get("/en/dashboard/home/secretariat/").content.decode()
    assert "2 open enquiries" in html and f'href="{reverse("enquiries:list")}?status=open"' in html
