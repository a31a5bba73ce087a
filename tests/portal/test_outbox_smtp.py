"""The outbox against fake SMTP servers on 127.0.0.1: one that hangs, one that fails then recovers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.utils import timezone

from portal.notifications import services
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


class FakeSmtpServer:
    """A listening socket on 127.0.0.1; `mode` decides how each connection is answered.

    "hang": accept and never say a word; "refuse": answer 421 and close; "accept": speak just
    enough SMTP to take a message, which is kept in `received`.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.received: list[bytes] = []
        self.connections = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stopped = threading.Event()
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(5)
        for conn in self._open:
            conn.close()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _address = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._open.append(conn)
            if self.mode == "refuse":
                conn.sendall(b"421 Service not available, try again later\r\n")
                conn.close()
            elif self.mode == "accept":
                threading.Thread(target=self._converse, args=(conn,), daemon=True).start()
            # "hang": keep the connection open and never answer.

    def _converse(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        conn.sendall(b"220 fake ESMTP\r\n")
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                conn.sendall(b"250 fake\r\n")
            elif command == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                data = b""
                while (chunk := reader.readline()) not in (b".\r\n", b""):
                    data += chunk
                self.received.append(data)
                conn.sendall(b"250 queued\r\n")
            elif command == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                conn.close()
                return
            else:
                conn.sendall(b"250 ok\r\n")


@pytest.fixture
def smtp_server(settings) -> Iterator:
    servers: list[FakeSmtpServer] = []

    def start(mode: str) -> FakeSmtpServer:
        server = FakeSmtpServer(mode)
        servers.append(server)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 1
        return server

    yield start
    for server in servers:
        server.stop()


def pending_rows(user, count: int) -> list[Notification]:
    rows = []
    for n in range(count):
        rows += services.notification_enqueue(
            recipients=[user], kind="test", subject=f"Message {n}", body="Body", params={}
        )
    return rows


def test_a_hanging_mail_server_cannot_keep_the_sweep_past_its_budget(smtp_server, company_user):
    server = smtp_server("hang")
    pending_rows(company_user, 6)
    started = time.monotonic()
    sent = services.notification_sweep(older_than=timedelta(0), budget=timedelta(seconds=1.5))
    elapsed = time.monotonic() - started
    assert sent == 0
    # Each attempt waits at most the SMTP timeout (1 s); no new row is claimed after 1.5 s.
    assert elapsed < 3.5, f"the sweep took {elapsed:.1f}s"
    tried = Notification.objects.filter(email_attempts=1)
    assert 1 <= tried.count() <= 2
    assert server.connections == tried.count()
    assert all("timed out" in row.last_error for row in tried)
    assert all(row.email_status == Notification.EmailStatus.PENDING for row in tried)
    assert Notification.objects.filter(email_attempts=0, email_status="pending").count() == 6 - tried.count()


def test_mail_that_fails_while_the_server_is_down_goes_out_when_it_recovers(
    smtp_server, company_user, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    down = smtp_server("refuse")
    (notification,) = pending_rows(company_user, 1)
    assert services.notification_deliver(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert "421" in notification.last_error
    assert down.connections == 1

    up = smtp_server("accept")
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())
    assert services.notification_sweep(older_than=timedelta(0)) == 1
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.email_attempts == 2 and notification.last_error == ""
    (raw,) = up.received
    message = message_from_bytes(raw)
    assert message["Subject"] == "Message 0"
    assert message["Message-ID"] == f"<notification-{notification.pk}@portal.example.org>"
    assert message["To"] == company_user.email
