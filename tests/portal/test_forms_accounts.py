"""Account pages: when the secretariat hears of a request, the password message, the e-mails."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from portal.accounts import services
from portal.accounts.models import Organisation, User
from portal.notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory

from .catalogue import dutch_catalogue
from .test_signup import SIGNUP, signup_data

pytestmark = pytest.mark.django_db


def confirmation_path(address: str) -> str:
    message = next(m for m in mail.outbox if address in m.to)
    link = re.search(r"https?://[^\s]+(/(?:nl|en)/account/confirm-email/[^\s]+)", message.body)
    assert link, message.body
    return link.group(1)


def requests_told(secretariat_user: User) -> list[Notification]:
    return list(Notification.objects.filter(recipient=secretariat_user, kind="organisation.registered"))


def test_secretariat_is_not_told_at_sign_up_only_after_verification(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    assert User.objects.filter(email="new@member.test").exists()
    assert requests_told(secretariat_user) == []
    assert not any(secretariat_user.email in m.to for m in mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirmation_path("new@member.test")).status_code == 302
    told = requests_told(secretariat_user)
    assert len(told) == 1 and "Nieuwe Kleding B.V." in told[0].subject


def test_a_second_confirmation_does_not_tell_the_secretariat_again(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    path = confirmation_path("new@member.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
        client.post(path)
    user = User.objects.get(email="new@member.test")
    # Another address of the same organisation verified later: still one request.
    colleague = UserFactory(organisation=user.organisation)
    assert services.organisation_request_submit(user=colleague) is False
    assert len(requests_told(secretariat_user)) == 1


def test_an_approved_organisation_is_not_announced_as_a_request(secretariat_user):
    user = UserFactory(organisation=OrganisationFactory(status=Organisation.Status.APPROVED))
    assert services.organisation_request_submit(user=user) is False
    assert requests_told(secretariat_user) == []


def test_verification_email_names_the_portal(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/signup/", signup_data())
    message = next(m for m in mail.outbox if "new@member.test" in m.to)
    assert "IMVO Covenant Portal" in message.body
    assert "from !" not in message.body and "van !" not in message.body
    assert "Confirm your e-mail address" in message.subject
    assert "/en/account/confirm-email/" in message.body


def test_verification_email_is_in_the_page_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    message = next(m for m in mail.outbox if "new@member.test" in m.to)
    assert "IMVO-convenantenportaal" in message.body


# --- the password-length message ----------------------------------------------------------------------


def test_password_length_message_comes_from_the_portal_catalogue(tmp_path, client):
    dutch = {
        "This password is too short. Use at least %(min_length)d character.\0"
        "This password is too short. Use at least %(min_length)d characters.": (
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.\0"
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens."
        )
    }
    with dutch_catalogue(tmp_path, dutch):
        body = client.post(SIGNUP, signup_data(password1="kort-1", password2="kort-1")).content.decode()
    assert "Dit wachtwoord is te kort. Gebruik minstens 10 tekens." in body
    assert not User.objects.filter(email="new@member.test").exists()


def test_password_length_message_is_plural_aware():
    from portal.accounts.validators import PortalMinimumLengthValidator

    with translation.override("en"):
        assert PortalMinimumLengthValidator(min_length=1).get_error_message().endswith("1 character.")
        assert PortalMinimumLengthValidator(min_length=10).get_error_message().endswith("10 characters.")
        with pytest.raises(ValidationError) as caught:
            password_validation.validate_password("short")
    assert caught.value.error_list[0].code == "password_too_short"
    assert "Use at least 10 characters." in caught.value.messages[0]
