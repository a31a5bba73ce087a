"""The account services refuse an actor whose role may not call them (not only the views do)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.accounts.services import organisation_decide, organisation_register
from portal.audit.models import AuditEvent
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_SECRETARIAT = [r for r in Role if r != Role.SECRETARIAT]


@pytest.mark.parametrize("role", NOT_SECRETARIAT)
@pytest.mark.parametrize("approve", [True, False])
def test_organisation_decide_refuses_an_actor_who_is_not_secretariat(make_user, role, approve):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(PermissionDenied):
        organisation_decide(actor=make_user(role), organisation_id=pending.pk, approve=approve, note="x")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    assert pending.decided_by is None
    assert not AuditEvent.objects.filter(action__startswith="organisation.").exists()


def test_organisation_decide_refuses_a_user_of_a_pending_organisation():
    waiting = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    other = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(PermissionDenied):
        organisation_decide(actor=waiting, organisation_id=other.pk, approve=True)
    assert Organisation.objects.get(pk=other.pk).status == Organisation.Status.PENDING


def test_organisation_decide_still_works_for_the_secretariat(secretariat_user):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    organisation_decide(actor=secretariat_user, organisation_id=pending.pk, approve=True)
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.APPROVED
    assert pending.decided_by == secretariat_user


def test_organisation_register_refuses_a_user_who_already_has_an_organisation(company_user):
    own = company_user.organisation
    with pytest.raises(PermissionDenied):
        organisation_register(
            user=company_user, first_name="A", last_name="B", name="Elsewhere B.V.", kind=Role.NGO
        )
    company_user.refresh_from_db()
    assert company_user.organisation == own
    assert not Organisation.objects.filter(name="Elsewhere B.V.").exists()
