"""The only writers of organisations and of the link between users, organisations and role groups."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.models import AuditEvent
from portal.audit.services import audit_record
from portal.decisions import check_rejection_reason
from portal.notifications.kinds import in_each_language
from portal.notifications.services import notification_enqueue

from .models import Organisation, User
from .roles import Role, group_name, role_of


def user_sync_role_group(*, user: User) -> None:
    """Put the user in exactly the group of their organisation's role (none while not approved)."""
    role_groups = Group.objects.filter(name__startswith="role:")
    user.groups.remove(*role_groups)
    organisation = user.organisation
    if organisation is not None and organisation.is_approved:
        group, _created = Group.objects.get_or_create(name=group_name(organisation.kind))
        user.groups.add(group)


def secretariat_users() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            organisation__kind=Role.SECRETARIAT,
            organisation__status=Organisation.Status.APPROVED,
        )
    )


@transaction.atomic
def organisation_register(
    *, user: User, first_name: str, last_name: str, name: str, kind: Role, kvk_number: str = ""
) -> Organisation:
    """A new organisation asks for access: it waits for the secretariat's decision. The secretariat hears
    of it when the user's e-mail address is verified (organisation_request_submit)."""
    if user.organisation_id is not None:
        # Only a new user without an organisation signs up one; nobody moves to another this way.
        raise PermissionDenied(_("This account already belongs to an organisation."))
    if kind in (Role.SECRETARIAT, Role.COMMITTEE):
        raise ValidationError(_("This type of organisation cannot sign up."))
    existing = Organisation.objects.filter(kvk_number=kvk_number).first() if kvk_number else None
    if existing is not None:
        # The answer to the applicant is the same as for a new organisation, so sign-up does not
        # tell anyone which organisations have an account; the organisation itself is told instead.
        return _organisation_request_for_existing(
            user=user, first_name=first_name, last_name=last_name, organisation=existing
        )
    organisation = Organisation(name=name, kind=kind, kvk_number=kvk_number)
    organisation.full_clean()
    organisation.save()
    user.first_name, user.last_name, user.organisation = first_name, last_name, organisation
    user.save(update_fields=["first_name", "last_name", "organisation"])
    audit_record(actor=user, action="organisation.registered", target=organisation)
    return organisation


@transaction.atomic
def organisation_request_submit(*, user: User) -> bool:
    """Tell the secretariat about a waiting organisation's request, once its user's e-mail address is
    verified (a request from an address nobody can read is not worth their time). At most once per
    organisation: a second verified address or a repeated confirmation does not tell them again."""
    if user.organisation_id is None:
        return False
    organisation = Organisation.objects.select_for_update().get(pk=user.organisation_id)
    if organisation.status != Organisation.Status.PENDING:
        return False
    already = AuditEvent.objects.filter(
        action="organisation.request_submitted",
        target_type=organisation._meta.label_lower,
        target_id=str(organisation.pk),
    ).exists()
    if already:
        return False
    audit_record(actor=user, action="organisation.request_submitted", target=organisation)
    notification_enqueue(
        recipients=secretariat_users(),
        kind="organisation.registered",
        params={"name": organisation.name, "kind": in_each_language(organisation.get_kind_display)},
        url=reverse("accounts:organisation-review", kwargs={"pk": organisation.pk}),
    )
    return True


def _organisation_request_for_existing(
    *, user: User, first_name: str, last_name: str, organisation: Organisation
) -> Organisation:
    """Someone asked for an account for an organisation that has one: the user stays unlinked."""
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    audit_record(actor=user, action="organisation.requested_existing", target=organisation)
    params = {"name": organisation.name, "email": user.email, "person": user.get_full_name()}
    notification_enqueue(
        recipients=organisation.users.filter(is_active=True),
        kind="organisation.account_requested",
        params=params,
    )
    notification_enqueue(
        recipients=secretariat_users(),
        kind="organisation.account_requested_existing",
        params=params,
    )
    return organisation


@transaction.atomic
def organisation_decide(*, actor: User, organisation_id: int, approve: bool, note: str = "") -> Organisation:
    """The secretariat approves or rejects a waiting organisation; its users are told either way."""
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may decide on account requests."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if organisation.status != Organisation.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if actor.organisation_id == organisation.pk:
        raise ValidationError(_("You cannot decide on your own organisation's request."))
    check_rejection_reason(approve=approve, note=note)
    organisation.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    organisation.decision_note, organisation.decided_by, organisation.decided_at = note, actor, timezone.now()
    organisation.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"])
    users = list(organisation.users.all())
    for user in users:
        user_sync_role_group(user=user)
    audit_record(
        actor=actor,
        action="organisation.approved" if approve else "organisation.rejected",
        target=organisation,
        note=note,
    )
    if approve:
        notification_enqueue(
            recipients=users,
            kind="organisation.approved",
            params={"name": organisation.name, "note": note},
            url=reverse("accounts:home"),
        )
    else:
        notification_enqueue(
            recipients=users,
            kind="organisation.rejected",
            params={"name": organisation.name, "note": note},
        )
    return organisation


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    organisation: Organisation,
    first_name: str = "",
    last_name: str = "",
    verified: bool = False,
    **extra: Any,
) -> User:
    """Create a user in an organisation (used by the secretariat, demo data and tests)."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(
        email=email,
        password=password,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        **extra,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    user_sync_role_group(user=user)
    return user
