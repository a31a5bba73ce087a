from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one user: shown in the portal at once, and e-mailed through the outbox.

    The row is created in the same transaction as the change it reports. E-mail delivery happens
    after commit in a Celery task; a periodic sweep retries what is still due. Delivery is
    at-least-once: see docs/adr/0001-notification-outbox.md.

    The text is rendered from the registered `kind` and its `params` when it is shown or sent, in
    the reader's language. `subject` and `body` keep the text as written (in the recipient's
    language) for the admin and for rows whose kind is not registered (older rows, account e-mails).
    """

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not e-mailed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Account e-mails (verification, password reset) may go to an address without a user yet.
    to_email = models.EmailField(_("e-mail address"), blank=True)
    in_app = models.BooleanField(_("shown in the portal"), default=True)
    kind = models.CharField(_("kind"), max_length=64)
    # None for rows written before kinds were registered: those show their stored text.
    params = models.JSONField(_("parameters"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # When a pending (or a sending row whose lease expired) e-mail is due to be tried again.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, db_index=True)
    lease_until = models.DateTimeField(_("sending until"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "in_app", "read_at"]),
            models.Index(
                fields=["created_at"],
                name="notification_email_pending",
                condition=models.Q(email_status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def text(self) -> "RenderedText":
        """Subject and body in the active language (see kinds.render)."""
        from .kinds import render

        return render(self)


class RenderedText:
    """A notification's subject and body in one language."""

    __slots__ = ("body", "subject")

    def __init__(self, subject: str, body: str) -> None:
        self.subject, self.body = subject, body
