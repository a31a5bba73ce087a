"""Nothing the complainant sends is lost: with Redis (cache and broker) unreachable the complaint is
filed, the rate limit of filing fails open, code guessing fails closed, and the acknowledgement is
e-mailed by the real worker once the broker is back."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from complaints.models import Complaint
from portal.notifications.models import Notification
from portal.notifications.tasks import notification_sweep
from tests.conftest import point_broker_at
from tests.portal.test_outbox_worker import CLOSED_PORT_BROKER, mail_files, wait_until

from .helpers import Cast

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_filing_succeeds_with_redis_down_and_the_acknowledgement_follows(celery_live, settings):
    translation.activate("en")
    cast = Cast()
    client = Client()
    page = client.get(reverse("complaints:file")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    settings.CACHES = DEAD_REDIS
    settings.PORTAL_COMPLAINT_FILING_LIMIT = (20, 3600)
    settings.PORTAL_COMPLAINT_CODE_LIMIT = (10, 900)
    point_broker_at(CLOSED_PORT_BROKER)
    try:
        started = time.monotonic()
        response = client.post(
            reverse("complaints:file"),
            {
                "token": token,
                "covenant": cast.covenant.pk,
                "filer": "worker",
                "subject": "company",
                "company": cast.company.pk,
                "what_happened": "Filed while Redis is down.",
                "email": "offline@example.test",
            },
        )
        elapsed = time.monotonic() - started
        guess = client.post(reverse("complaints:return"), {"code": "1234 5678 9012 3452"})
    finally:
        point_broker_at(settings.CELERY_BROKER_URL)
    assert response.status_code == 200 and "data-receipt-code" in response.content.decode()
    assert elapsed < 5, f"filing took {elapsed:.1f}s with Redis down"
    assert Complaint.objects.filter(what_happened="Filed while Redis is down.").exists()
    assert guess.status_code == 429  # code guessing is refused while the limit cannot be counted
    pending = Notification.objects.filter(to_email="offline@example.test", email_status="pending")
    assert pending.count() == 1
    notification_sweep.apply_async(kwargs={"older_than_seconds": 0})
    assert wait_until(
        lambda: (
            not Notification.objects.filter(to_email="offline@example.test", email_status="pending").exists()
        )
    )
    time.sleep(1)  # a second, wrongful delivery would show up here
    delivered = [f for f in mail_files(celery_live) if "offline@example.test" in f.read_text()]
    assert len(delivered) == 1
