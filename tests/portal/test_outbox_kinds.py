"""Notifications are stored as a kind with parameters and rendered in the reader's language."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.notifications import kinds, services
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db

GARMENT = kinds.per_language(nl="Convenant Kleding en Textiel", en="Garment and Textile Covenant")


def approved(user, **kwargs):
    return services.notification_enqueue(
        recipients=[user],
        kind="membership.approved",
        params={"company": "Kleding B.V.", "covenant": GARMENT, "note": ""},
        **kwargs,
    )


def test_a_dutch_users_notification_shows_in_english_on_an_english_page(client_for, company_user):
    company_user.preferred_language = "nl"
    company_user.save()
    approved(company_user, email=False)
    client = client_for(company_user)
    english = client.get("/en/notifications/").content.decode()
    assert "Kleding B.V. is now a member of Garment and Textile Covenant" in english
    assert "deelnemer" not in english and "Convenant Kleding" not in english
    dutch = client.get("/nl/notifications/").content.decode()
    assert "Kleding B.V. is nu deelnemer aan Convenant Kleding en Textiel" in dutch
    home = client.get("/en/dashboard/", follow=True).content.decode()
    assert "is now a member of Garment and Textile Covenant" in home


def test_the_email_uses_the_recipients_language_whatever_the_senders(
    company_user, other_company_user, django_capture_on_commit_callbacks
):
    company_user.preferred_language = "en"
    company_user.save()
    other_company_user.preferred_language = "nl"
    other_company_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override("nl"):
            approved(company_user)
        with translation.override("en"):
            approved(other_company_user)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[company_user.email] == "Kleding B.V. is now a member of Garment and Textile Covenant"
    assert (
        subjects[other_company_user.email] == "Kleding B.V. is nu deelnemer aan Convenant Kleding en Textiel"
    )


def test_the_email_is_rendered_when_sent_in_the_language_preferred_then(company_user, settings):
    settings.EMAIL_BACKEND = "tests.portal.broken_mail.BrokenBackend"
    company_user.preferred_language = "nl"
    company_user.save()
    (notification,) = approved(company_user)
    company_user.preferred_language = "en"
    company_user.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=notification.created_at)
    assert services.notification_deliver(notification_id=notification.pk) is True
    assert mail.outbox[0].subject.endswith("is now a member of Garment and Textile Covenant")


def test_only_kind_and_parameters_are_needed_and_stored(company_user):
    (notification,) = approved(company_user, email=False)
    notification.refresh_from_db()
    assert notification.params == {"company": "Kleding B.V.", "covenant": GARMENT, "note": ""}
    with pytest.raises(TypeError):
        services.notification_enqueue(
            recipients=[company_user], kind="membership.approved", subject="Written out", params={}
        )


def test_a_date_parameter_is_shown_in_the_readers_date_format():
    params = {"date": kinds.as_date(date(2026, 3, 31))}
    with translation.override("nl"):
        assert kinds.format_text("Uiterlijk {date}", params) == "Uiterlijk 31 maart 2026"
    with translation.override("en"):
        assert "March" in kinds.format_text("By {date}", params)


def test_a_value_missing_in_the_readers_language_falls_back_to_the_other(company_user):
    params = {"covenant": kinds.per_language(nl="Alleen Nederlands", en="")}
    with translation.override("en"):
        assert kinds.format_text("{covenant}", params) == "Alleen Nederlands"


def test_an_older_row_without_parameters_keeps_its_stored_text(company_user):
    legacy = Notification.objects.create(
        recipient=company_user, kind="membership.approved", subject="Opgeslagen onderwerp", body="Tekst"
    )
    with translation.override("en"):
        assert (legacy.text.subject, legacy.text.body) == ("Opgeslagen onderwerp", "Tekst")


def test_a_kind_cannot_be_registered_twice_with_other_texts():
    kinds.register("test.same", subject=_("Notifications"))
    kinds.register("test.same", subject=_("Notifications"))
    with pytest.raises(ImproperlyConfigured):
        kinds.register("test.same", subject=_("Something else"))


def test_the_covenants_app_registers_its_kinds_with_the_platform():
    assert {"membership.applied", "membership.approved", "cycle.opened", "cycle.deadline_reminder"} <= set(
        kinds.registered_kinds()
    )


def test_account_decisions_are_shown_in_the_readers_language(secretariat_user):
    from portal.accounts.models import Organisation
    from portal.accounts.services import organisation_decide
    from tests.factories import OrganisationFactory, UserFactory

    organisation = OrganisationFactory(name="Stof B.V.", status=Organisation.Status.PENDING)
    applicant = UserFactory(organisation=organisation, preferred_language="nl")
    organisation_decide(actor=secretariat_user, organisation_id=organisation.pk, approve=False, note="X")
    notification = Notification.objects.get(recipient=applicant, kind="organisation.rejected")
    assert notification.params == {"name": "Stof B.V.", "note": "X"}
    with translation.override("en"):
        assert notification.text.subject == "Your request for Stof B.V. was not approved"
