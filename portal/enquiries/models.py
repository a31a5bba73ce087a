"""An enquiry: a question sent through the public contact form, handled by the secretariat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_MAX = 200
MESSAGE_MAX = 5000
ANSWER_MAX = 10000


class Enquiry(models.Model):
    """Who asked what, and how the secretariat handled it. The personal data (name, organisation,
    e-mail, message and answer) is erased a retention period after closing (`erased_at`)."""

    class Topic(models.TextChoices):
        JOIN = "join", _("Joining a covenant")
        NEGOTIATE = "negotiate", _("Help with negotiating a covenant")
        DUE_DILIGENCE = "due_diligence", _("Applying due diligence in my company")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    organisation = models.CharField(_("organisation"), max_length=NAME_MAX, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX, blank=True)
    #: The language the visitor wrote in: the acknowledgement and the answer's frame use it.
    language = models.CharField(_("language"), max_length=10, default="nl")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "topic"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=["join", "negotiate", "due_diligence", "other"]),
                name="enquiry_topic_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "assigned", "answered", "closed"]),
                name="enquiry_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_at__isnull=False),
                name="enquiry_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_topic_display()}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None
