"""The mail server down for an hour: acknowledgements queued meanwhile stay in the outbox with their
retries scheduled (1, 2, 4, ... minutes), and once the server is back each is delivered exactly once,
all through the real worker and a real SMTP conversation.

The hour passes by moving each message's next attempt to now before every sweep, instead of waiting.
(tests/portal/test_outbox_smtp.py proves the same backoff in one process; here it goes through
gunicorn, the broker and the worker.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.db.models import Min
from django.utils import timezone

from portal.notifications.models import Notification
from tests.covenants.factories import MembershipFactory

from .stack import SmtpSink, Stack, send_task, task_count, wait_until
from .test_redis_stopped import SWEEP, file_complaint
from .web import Browser

pytestmark = [pytest.mark.faults]

FILINGS = 3
#: The retry delays of the first attempts (minutes): together more than an hour.
DELAYS = [1, 2, 4, 8, 16, 32]


def test_mail_queued_while_the_server_is_down_for_an_hour_is_delivered_once(
    stack: Stack, portal_env: Callable[..., dict[str, str]], tmp_path
):
    membership = MembershipFactory(active=True)
    sink = SmtpSink()  # its port stays closed for now: the mail server is down
    redis = stack.redis()
    broker = redis.url(1)
    env = portal_env(redis_url=redis.url(0), broker_url=broker, email_url=f"smtp://127.0.0.1:{sink.port}")
    web, worker = stack.portal(env)
    browser = Browser(web.url)
    addresses = [f"patient{n}@example.test" for n in range(FILINGS)]
    for n, address in enumerate(addresses):
        file_complaint(
            browser,
            covenant_id=membership.covenant_id,
            company_id=membership.company_id,
            email=address,
            text=f"Filed while the mail server is down, number {n}.",
        )
    outbox = Notification.objects.filter(to_email__in=addresses)
    assert outbox.count() == FILINGS

    def attempted(times: int) -> bool:
        return all(
            row.email_status == "pending" and row.email_attempts == times and row.next_attempt_at
            for row in outbox.all()  # a fresh query each time
        )

    # The first attempt runs right after each filing and fails; then the sweep retries as time passes.
    wait_until(lambda: attempted(1), timeout=60, what="the first attempts failed and rescheduled")
    sweeps = task_count(worker, SWEEP)
    for attempt, delay in enumerate(DELAYS, start=1):
        now = timezone.now()
        for row in outbox.all():
            scheduled = row.next_attempt_at - now
            assert timedelta(minutes=delay) - timedelta(seconds=30) < scheduled <= timedelta(minutes=delay), (
                f"attempt {attempt} of {row.to_email}: next one in {scheduled}, expected {delay} minutes"
            )
            assert "Connection refused" in row.last_error or "Errno 111" in row.last_error, row.last_error
        outbox.update(next_attempt_at=now - timedelta(seconds=1))  # the retry is due
        send_task(broker, SWEEP, older_than_seconds=0)
        wait_until(
            lambda times=attempt + 1: attempted(times),
            timeout=60,
            what=f"retry {attempt} failed and rescheduled",
        )
    sweeps += len(DELAYS)
    assert sum(DELAYS) >= 60 and sink.messages == []

    sink.start()  # the mail server is back, on the same address
    stack.closers.append(sink.stop)
    outbox.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    send_task(broker, SWEEP, older_than_seconds=0)
    wait_until(
        lambda: set(outbox.values_list("email_status", flat=True)) == {"sent"},
        timeout=60,
        what="every message delivered once the server is back",
    )
    send_task(broker, SWEEP, older_than_seconds=0)  # nothing is due any more: nothing is sent again
    wait_until(lambda: task_count(worker, SWEEP) >= sweeps + 2, timeout=30, what="the last sweep done")

    received = [message_from_bytes(raw) for raw in sink.messages]
    assert sorted(str(message["To"]) for message in received) == sorted(addresses)
    assert len({message["Message-ID"] for message in received}) == FILINGS
    assert outbox.aggregate(first=Min("email_attempts"))["first"] == len(DELAYS) + 2
