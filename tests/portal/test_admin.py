"""The admin is no back door: an organisation's status and kind cannot be changed there; approving
goes through organisation_decide (role groups, audit, notification)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role, group_name
from portal.audit.models import AuditEvent
from portal.notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser(email="root@example.test", password="x-long-password-1")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def admin_url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def _organisation_form(organisation: Organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "kvk_number": organisation.kvk_number,
        "country": organisation.country,
        "website": organisation.website,
        "status": organisation.status,
    }
    data.update(changes)
    return data


def test_the_admin_cannot_approve_an_organisation_by_editing_its_status(admin_client):
    pending = OrganisationFactory(status=Organisation.Status.PENDING, name="Waiting B.V.")
    member = UserFactory(organisation=pending)
    response = admin_client.post(
        admin_url("accounts_organisation_change", pending.pk),
        _organisation_form(pending, status=Organisation.Status.APPROVED, name="Renamed B.V."),
    )
    assert response.status_code == 302  # saved: the editable fields did change
    pending.refresh_from_db()
    assert pending.name == "Renamed B.V."
    assert pending.status == Organisation.Status.PENDING
    assert not member.groups.filter(name__startswith="role:").exists()


def test_the_admin_cannot_change_an_organisations_kind(admin_client, company_user):
    organisation = company_user.organisation
    admin_client.post(
        admin_url("accounts_organisation_change", organisation.pk),
        _organisation_form(organisation, kind=Role.SECRETARIAT, kvk_number=""),
    )
    organisation.refresh_from_db()
    assert organisation.kind == Role.COMPANY
    assert list(company_user.groups.values_list("name", flat=True)) == [group_name(Role.COMPANY)]


def test_the_change_page_shows_status_and_kind_as_text_not_as_fields(admin_client, company_user):
    body = admin_client.get(admin_url("accounts_organisation_change", company_user.organisation.pk)).content
    assert b'name="status"' not in body
    assert b'name="kind"' not in body
    assert b'name="name"' in body


def test_the_approve_action_goes_through_the_service(admin_client, superuser):
    secretariat = user_with_role(Role.SECRETARIAT)
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    member = UserFactory(organisation=pending)
    # A superuser without a secretariat organisation may not decide: the service refuses it.
    admin_client.post(
        admin_url("accounts_organisation_changelist"),
        {"action": "approve_selected", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    # A staff member of the secretariat approves: groups synced, decision audited, users told.
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save()
    admin_client.force_login(secretariat)
    admin_client.post(
        admin_url("accounts_organisation_changelist"),
        {"action": "approve_selected", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.APPROVED
    assert pending.decided_by == secretariat
    assert Group.objects.get(name=group_name(Role.COMPANY)) in member.groups.all()
    assert AuditEvent.objects.filter(action="organisation.approved").count() == 1
    assert Notification.objects.filter(recipient=member, kind="organisation.approved").exists()


def test_the_admin_cannot_move_a_user_to_another_organisation(admin_client, company_user):
    secretariat_org = user_with_role(Role.SECRETARIAT).organisation
    page = admin_client.get(admin_url("accounts_user_change", company_user.pk)).content
    assert b'name="organisation"' not in page
    admin_client.post(
        admin_url("accounts_user_change", company_user.pk),
        {
            "email": company_user.email,
            "first_name": "A",
            "last_name": "B",
            "organisation": secretariat_org.pk,
            "preferred_language": company_user.preferred_language or "nl",
            "is_active": "on",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    company_user.refresh_from_db()
    assert company_user.organisation.kind == Role.COMPANY
