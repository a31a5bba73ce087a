"""The public contact form: stored first, acknowledged through the outbox after commit; the complaint
topic goes to the complaint form; a filled honeypot stores nothing; bad input keeps what was typed;
sending is limited per client address."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.enquiries.models import Enquiry
from portal.notifications.models import Notification

from .helpers import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _contact() -> str:
    return reverse("enquiries:contact")


def test_a_sent_enquiry_is_stored_and_acknowledged_by_e_mail_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = Client().post(_contact(), FORM)
    assert response.status_code == 200 and "Your question has been sent" in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert (enquiry.topic, enquiry.status, enquiry.email, enquiry.language) == (
        "join",
        "open",
        "anouk@example.test",
        "en",
    )
    ack = Notification.objects.get(to_email="anouk@example.test")
    assert ack.kind == "enquiry" and ack.email_status == "pending" and FORM["message"] in ack.body
    # Nothing is sent before the enquiry is committed.
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["anouk@example.test"]]
    assert "received your question" in mail.outbox[0].subject


def test_an_enquiry_is_kept_when_the_broker_is_down(django_capture_on_commit_callbacks):
    with (
        mock.patch(
            "portal.notifications.tasks.notification_deliver.apply_async", side_effect=ConnectionError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = Client().post(_contact(), FORM)
    assert response.status_code == 200
    assert Enquiry.objects.count() == 1
    assert Notification.objects.get().email_status == "pending"  # the sweep sends it later


def test_the_complaint_topic_sends_the_visitor_to_the_complaint_form_and_stores_nothing():
    response = Client().post(_contact(), {**FORM, "topic": "complaint", "message": ""})
    assert response.status_code == 302 and response["Location"] == reverse("complaints:file")
    assert not Enquiry.objects.exists() and not Notification.objects.exists()


def test_the_form_hints_at_the_complaint_form_next_to_the_topic():
    html = Client().get(_contact()).content.decode()
    assert "protects you better" in html and f'href="{reverse("complaints:file")}"' in html
    assert 'class="hp" aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_a_filled_honeypot_gets_the_same_page_and_nothing_is_stored():
    response = Client().post(_contact(), {**FORM, "website": "http://spam.example"})
    assert response.status_code == 200 and "Your question has been sent" in response.content.decode()
    assert not Enquiry.objects.exists() and not Notification.objects.exists()


def test_bad_input_says_what_is_wrong_next_to_the_field_and_keeps_what_was_typed():
    data = {**FORM, "email": "not-an-address", "message": "", "topic": ""}
    response = Client().post(_contact(), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html and 'href="#id_email"' in html
    assert "Give an e-mail address in the right form" in html and "Write your question." in html
    assert "Choose what your question is about." in html
    assert 'value="not-an-address"' in html and 'value="Anouk Mulder"' in html
    assert 'value="Voorbeeld B.V."' in html
    assert not Enquiry.objects.exists()


def test_a_too_long_question_is_refused_with_the_text_kept():
    response = Client().post(_contact(), {**FORM, "message": "Long text " * 600})
    html = response.content.decode()
    assert response.status_code == 400 and "Long text Long text" in html
    assert not Enquiry.objects.exists()


def test_sending_is_limited_per_client_address(settings):
    settings.PORTAL_ENQUIRY_LIMIT = (2, 3600)
    client = Client()
    assert client.post(_contact(), FORM).status_code == 200
    assert client.post(_contact(), FORM).status_code == 200
    assert client.post(_contact(), FORM).status_code == 429
    assert Enquiry.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.post(_contact(), FORM).status_code == 200


def test_the_limit_fails_open_when_the_cache_is_down(settings):
    settings.PORTAL_ENQUIRY_LIMIT = (1, 3600)
    with mock.patch("portal.ratelimit.cache.add", side_effect=ConnectionError("redis down")):
        assert Client().post(_contact(), FORM).status_code == 200
        assert Client().post(_contact(), FORM).status_code == 200
    assert Enquiry.objects.count() == 2


def test_everyone_sees_the_contact_link_and_only_the_secretariat_the_inbox(secretariat_user, company_user):
    assert f'href="{_contact()}"' in Client().get("/en/").content.decode()
    company = Client()
    company.force_login(company_user)
    assert f'href="{reverse("enquiries:list")}"' not in company.get("/en/").content.decode()
    secretariat = Client()
    secretariat.force_login(secretariat_user)
    assert f'href="{reverse("enquiries:list")}"' in secretariat.get("/en/").content.decode()


def test_a_signed_in_user_finds_their_own_details_filled_in(company_user):
    client = Client()
    client.force_login(company_user)
    html = client.get(_contact()).content.decode()
    assert f'value="{company_user.email}"' in html
