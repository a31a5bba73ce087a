"""The enquiry flow against the real Celery worker and real Redis: a visitor sends the contact form, the
enquiry is stored and the worker delivers the acknowledgement; the secretariat answers through the
inbox and the worker delivers the answer to the visitor's address."""

from __future__ import annotations

import email
import re
import time
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from types import SimpleNamespace
from typing import TypeVar

import pytest
from django.test import Client

from portal.accounts.roles import Role
from portal.enquiries.models import Enquiry
from portal.notifications.models import Notification
from tests.factories import user_with_role

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SENDER = "worker-enquirer@example.test"
#: Django's file e-mail backend writes each message followed by this line.
SEPARATOR = "\n" + "-" * 79 + "\n"
T = TypeVar("T")


def wait_for(probe: Callable[[], T | None], timeout: float = 20.0, interval: float = 0.2) -> T | None:
    """Poll `probe` until it returns something truthy (returned) or the timeout passes (None)."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def messages_in(mail_dir: Path) -> list[EmailMessage]:
    """Every message the worker's file backend has written so far, parsed (headers and body decoded)."""
    found: list[EmailMessage] = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_text(encoding="utf-8").split(SEPARATOR):
            if chunk.strip():
                found.append(email.message_from_string(chunk.lstrip("\n"), policy=default_policy))  # type: ignore[arg-type]
    return found


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, f"no text part in {message['Subject']!r}"
    return part.get_content()


def mail_to(worker: SimpleNamespace, address: str, subject: str) -> Callable[[], list[EmailMessage]]:
    def probe() -> list[EmailMessage]:
        return [m for m in messages_in(worker.mail_dir) if address in m["To"] and m["Subject"] == subject]

    return probe


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def test_an_enquiry_is_acknowledged_and_answered_by_e_mail_through_the_worker(
    celery_live: SimpleNamespace,
) -> None:
    # The visitor: the contact form as the browser gets it (CSRF checked), the honeypot left empty.
    visitor = Client(enforce_csrf_checks=True)
    form_page = visitor.get("/en/contact/")
    assert form_page.status_code == 200
    html = form_page.content.decode()
    for field in ("topic", "name", "organisation", "email", "message", "website"):
        assert f'name="{field}"' in html, f"the contact form has no field {field!r}"
    message = "We make work wear in Bangladesh. How do we join the garments covenant?"
    response = visitor.post(
        "/en/contact/",
        {
            "csrfmiddlewaretoken": csrf_token(html),
            "topic": "join",
            "name": "Wendy Worker",
            "organisation": "Werkkleding B.V.",
            "email": SENDER,
            "message": message,
            "website": "",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Your question has been sent" in response.content.decode()
    enquiry = Enquiry.objects.get(email=SENDER)
    assert (enquiry.topic, enquiry.status, enquiry.name, enquiry.language, enquiry.message) == (
        "join",
        Enquiry.Status.OPEN,
        "Wendy Worker",
        "en",
        message,
    )

    # The worker delivers the acknowledgement (after the request's commit, through Redis).
    acks = wait_for(mail_to(celery_live, SENDER, "We have received your question"))
    assert acks, "the worker did not deliver the acknowledgement within 20 s"
    assert len(acks) == 1
    ack_body = body_of(acks[0])
    assert "Dear Wendy Worker" in ack_body and "Joining a covenant" in ack_body and message in ack_body
    ack = Notification.objects.get(to_email=SENDER, subject="We have received your question")
    assert wait_for(
        lambda: Notification.objects.get(pk=ack.pk).email_status == Notification.EmailStatus.SENT
    ), "the acknowledgement is not marked as sent"

    # The secretariat finds it in the inbox, opens it and answers it with the form on its page.
    secretariat = user_with_role(Role.SECRETARIAT, first_name="Sam", last_name="Secretariat")
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(secretariat)
    inbox = staff.get("/en/enquiries/")
    assert inbox.status_code == 200
    detail_url = f"/en/enquiries/{enquiry.pk}/"
    assert f'href="{detail_url}"' in inbox.content.decode() and "Wendy Worker" in inbox.content.decode()
    detail = staff.get(detail_url)
    assert detail.status_code == 200
    detail_html = detail.content.decode()
    assert message in detail_html and f'action="{detail_url}answer/"' in detail_html
    answer = "Welcome! Create an account for your company, then apply to join on the covenant's page."
    answered = staff.post(
        f"{detail_url}answer/",
        {"csrfmiddlewaretoken": csrf_token(detail_html), "answer": answer},
        follow=True,
    )
    assert answered.redirect_chain == [(detail_url, 302)]
    assert "The answer will be sent by e-mail." in answered.content.decode()
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.answer, enquiry.answered_by) == (
        Enquiry.Status.ANSWERED,
        answer,
        secretariat,
    )

    # The worker delivers the answer to the visitor's address.
    subject = "Answer to your question: Joining a covenant"
    answers = wait_for(mail_to(celery_live, SENDER, subject))
    assert answers, "the worker did not deliver the answer within 20 s"
    assert len(answers) == 1
    assert answers[0]["To"] == SENDER
    assert body_of(answers[0]).strip() == answer
    sent = Notification.objects.get(to_email=SENDER, subject=subject)
    assert wait_for(
        lambda: Notification.objects.get(pk=sent.pk).email_status == Notification.EmailStatus.SENT
    ), "the answer is not marked as sent"
    # Exactly the two e-mails went to the visitor.
    assert len([m for m in messages_in(celery_live.mail_dir) if SENDER in m["To"]]) == 2
