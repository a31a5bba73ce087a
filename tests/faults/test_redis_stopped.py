"""Redis stopped while complaints are filed: every complaint filed through the public form (real HTTP,
CSRF, gunicorn with production settings) is stored, and once Redis and the worker are back each
complainant gets the acknowledgement exactly once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from complaints.models import Complaint
from portal.notifications.models import Notification
from tests.covenants.factories import MembershipFactory

from .mail import count_by_recipient, file_messages
from .stack import Stack, send_task, task_count, wait_until
from .web import Browser

pytestmark = [pytest.mark.faults]

FILINGS = 4
SWEEP = "portal.notifications.tasks.notification_sweep"


def file_complaint(browser: Browser, *, covenant_id: int, company_id: int, email: str, text: str) -> str:
    response = browser.submit(
        "/en/complaints/file/",
        {
            "covenant": covenant_id,
            "filer": "worker",
            "subject": "company",
            "company": company_id,
            "what_happened": text,
            "email": email,
        },
    )
    assert response.status_code == 200, response.text[:3000]
    assert "data-receipt-code" in response.text, "no receipt code on the confirmation page"
    return response.text


def test_complaints_filed_while_redis_is_stopped_are_kept_and_acknowledged_once(
    stack: Stack, portal_env: Callable[..., dict[str, str]], tmp_path
):
    membership = MembershipFactory(active=True)
    redis = stack.redis()
    mail = tmp_path / "mail"
    env = portal_env(redis_url=redis.url(0), broker_url=redis.url(1), email_url=f"filemail://{mail}")
    web, worker = stack.portal(env)
    browser = Browser(web.url)
    addresses = [f"complainant{n}@example.test" for n in range(FILINGS)]

    redis.stop()
    for n, address in enumerate(addresses):
        file_complaint(
            browser,
            covenant_id=membership.covenant_id,
            company_id=membership.company_id,
            email=address,
            text=f"Filed while Redis is stopped, number {n}.",
        )
        assert browser.elapsed < 4, f"filing took {browser.elapsed:.1f} s with Redis stopped"

    stored = Complaint.objects.filter(what_happened__startswith="Filed while Redis is stopped")
    assert stored.count() == FILINGS
    acknowledgements = Notification.objects.filter(to_email__in=addresses)
    assert sorted(acknowledgements.values_list("to_email", flat=True)) == sorted(addresses)
    assert set(acknowledgements.values_list("email_status", flat=True)) == {"pending"}
    assert file_messages(mail) == []

    redis.start()  # same port: the worker and the web processes reconnect by themselves
    send_task(redis.url(1), SWEEP, older_than_seconds=0)  # what beat sends every minute
    wait_until(
        lambda: set(acknowledgements.values_list("email_status", flat=True)) == {"sent"},
        timeout=60,
        what="every acknowledgement sent",
    )
    # Another sweep (and the deliveries queued after commit, if any arrive late) sends nothing again.
    send_task(redis.url(1), SWEEP, older_than_seconds=0)
    wait_until(lambda: task_count(worker, SWEEP) >= 2, timeout=30, what="the second sweep done")
    assert count_by_recipient(file_messages(mail)) == dict.fromkeys(addresses, 1)
    assert stored.count() == FILINGS
