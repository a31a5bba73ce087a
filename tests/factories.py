"""Factories for the platform models. Domain apps add theirs in tests/<app>/factories.py."""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.accounts.services import user_sync_role_group

PASSWORD = "correct-horse-battery-9"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Role.COMPANY
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n}")
    status = Organisation.Status.APPROVED


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)
            user_sync_role_group(user=obj)


def user_with_role(role: Role, **kwargs: Any) -> User:
    """A user of a fresh, approved organisation of the given role."""
    org_kwargs = {"kind": role}
    if role in (Role.SECRETARIAT, Role.COMMITTEE, Role.GOVERNMENT):
        org_kwargs["kvk_number"] = ""
    return UserFactory(organisation=OrganisationFactory(**org_kwargs), **kwargs)
