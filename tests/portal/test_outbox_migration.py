"""Rows written before kinds and leases keep their text and are picked up by the new sweep."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("notifications", "0001_initial")]
AFTER = [("notifications", "0002_outbox_lease_kinds_params")]


def test_older_rows_keep_their_stored_text_and_pending_ones_become_due():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldNotification = old_apps.get_model("notifications", "Notification")
    User = old_apps.get_model("accounts", "User")
    user = User.objects.create(email="legacy@example.test", preferred_language="nl")
    written = timezone.now()
    OldNotification.objects.create(
        recipient_id=user.pk,
        kind="membership.approved",
        subject="Kleding B.V. is nu deelnemer aan Convenant Kleding",
        body="Het secretariaat heeft de aanvraag goedgekeurd.",
        email_status="pending",
        created_at=written,
    )
    OldNotification.objects.create(
        recipient_id=user.pk, kind="membership.applied", subject="Al verstuurd", email_status="sent"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    pending = Notification.objects.get(email_status="pending")
    assert pending.params is None
    assert pending.next_attempt_at == written
    with translation.override("en"):
        assert pending.text.subject == "Kleding B.V. is nu deelnemer aan Convenant Kleding"
    assert Notification.objects.get(email_status="sent").next_attempt_at is None
