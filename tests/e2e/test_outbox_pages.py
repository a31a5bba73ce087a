"""The notification list and the secretariat's page of undelivered e-mails in a real browser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from portal.accounts.models import User
from portal.notifications.kinds import per_language
from portal.notifications.models import Notification
from portal.notifications.services import notification_enqueue

from .helpers import assert_accessible, login


@pytest.mark.parametrize("code", ["nl", "en"])
def test_secretariat_sends_a_failed_email_again(page: Page, live_url: str, seeded: None, code: str) -> None:
    company = User.objects.get(email="company@demo.example")
    failed = Notification.objects.create(
        recipient=company,
        kind="test",
        subject="Undeliverable demo message",
        email_status="failed",
        email_attempts=54,
        last_error="SMTPRecipientsRefused: mailbox unavailable",
        created_at=timezone.now() - timedelta(days=2),
    )
    login(page, live_url, "secretariat@demo.example")
    page.goto(f"{live_url}/{code}/notifications/outbox/")
    row = page.locator("tbody tr").filter(has_text="Undeliverable demo message")
    expect(row).to_contain_text("SMTPRecipientsRefused: mailbox unavailable")
    assert_accessible(page, f"outbox ({code})")
    with page.expect_navigation():
        row.get_by_role("button").click()
    expect(page.locator("tbody tr").filter(has_text="Undeliverable demo message")).to_have_count(0)
    failed.refresh_from_db()
    assert failed.email_status in {"pending", "sending", "sent"} and failed.email_attempts <= 1


@pytest.mark.parametrize("code", ["nl", "en"])
def test_notification_list_in_the_page_language(page: Page, live_url: str, seeded: None, code: str) -> None:
    company = User.objects.get(email="company@demo.example")
    notification_enqueue(
        recipients=[company],
        kind="membership.approved",
        params={
            "company": "Demo Textiles B.V.",
            "covenant": per_language(nl="Kledingconvenant", en="Garment covenant"),
            "note": "",
        },
        email=False,
    )
    login(page, live_url, "company@demo.example")
    page.goto(f"{live_url}/{code}/notifications/")
    expected = {"nl": "Kledingconvenant", "en": "Garment covenant"}[code]
    expect(page.locator("main .notification-subject").first).to_contain_text(expected)
    assert_accessible(page, f"notifications ({code})")
