"""Every write to an enquiry: each atomic, validated, audited, its e-mail written to the outbox in the
same transaction and delivered after commit (so a mail server or Redis that is down loses nothing)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.audit.services import audit_record
from portal.notifications.models import Notification
from portal.notifications.services import notification_enqueue_email

from . import workflow
from .models import ANSWER_MAX, MESSAGE_MAX, Enquiry
from .permissions import require_handler

#: The outbox kind of the e-mails to an enquirer (erased with the enquiry).
EMAIL_KIND = "enquiry"
ERASED_TEXT = "—"
PERSONAL_FIELDS = ("name", "organisation", "email", "message", "answer")
#: The topic that is not an enquiry: it goes to the complaint form instead.
COMPLAINT_TOPIC = "complaint"


def complaint_topic_error() -> ValidationError:
    return ValidationError(
        {
            "topic": _(
                "A complaint is not sent with this form. Use the complaint form: it protects you "
                "better, and you may stay anonymous."
            )
        }
    )


def _ack_text(enquiry: Enquiry) -> tuple[str, str]:
    with translation.override(enquiry.language):
        subject = gettext("We have received your question")
        body = gettext(
            "Dear %(name)s,\n\nThank you for your question about “%(topic)s”. The secretariat of the "
            "IRBC covenants answers it by e-mail, usually within ten working days.\n\n"
            "Your message:\n%(message)s"
        ) % {"name": enquiry.name, "topic": enquiry.get_topic_display(), "message": enquiry.message}
    return subject, body


@transaction.atomic
def enquiry_submit(
    *, topic: str, name: str, email: str, message: str, organisation: str = "", language: str = ""
) -> Enquiry:
    """Store a visitor's enquiry and write the acknowledgement to the outbox (sent after commit)."""
    if topic == COMPLAINT_TOPIC:
        raise complaint_topic_error()
    languages = set(getattr(settings, "PORTAL_MAIN_LANGUAGES", ("nl", "en")))
    enquiry = Enquiry(
        topic=topic,
        name=name.strip(),
        organisation=organisation.strip(),
        email=email.strip(),
        message=message.strip(),
        language=language if language in languages else settings.LANGUAGE_CODE,
    )
    enquiry.full_clean(exclude=["assigned_to", "answered_by"])
    if len(enquiry.message) > MESSAGE_MAX:
        raise ValidationError(
            {"message": _("Keep your question under %(max)s characters.") % {"max": MESSAGE_MAX}}
        )
    if not (enquiry.name and enquiry.email and enquiry.message):
        raise ValidationError(_("Give your name, your e-mail address and your question."))
    enquiry.save()
    subject, body = _ack_text(enquiry)
    notification_enqueue_email(to_email=enquiry.email, subject=subject, body=body, kind=EMAIL_KIND)
    return enquiry


def _locked(enquiry_id: int) -> Enquiry:
    return Enquiry.objects.select_for_update().get(pk=enquiry_id)


def _move(enquiry: Enquiry, to: str) -> str:
    previous = enquiry.status
    workflow.check(previous, to)
    enquiry.status = to
    return previous


def secretariat_users() -> Any:
    """The active users of the (approved) secretariat: who an enquiry may be assigned to."""
    return User.objects.filter(
        is_active=True,
        organisation__kind=Role.SECRETARIAT,
        organisation__status=Organisation.Status.APPROVED,
    ).order_by("first_name", "last_name", "email")


@transaction.atomic
def enquiry_assign(*, actor: Any, enquiry_id: int, assignee_id: int) -> Enquiry:
    """Give an open (or assigned) enquiry to a member of the secretariat."""
    require_handler(actor)
    enquiry = _locked(enquiry_id)
    assignee = secretariat_users().filter(pk=assignee_id).first()
    if assignee is None:
        raise ValidationError({"assignee": _("Choose a member of the secretariat.")})
    previous = _move(enquiry, Enquiry.Status.ASSIGNED)
    enquiry.assigned_to = assignee
    enquiry.save(update_fields=["status", "assigned_to", "updated_at"])
    audit_record(
        actor=actor, action="enquiry.assigned", target=enquiry, note=f"{previous} → assigned to {assignee.pk}"
    )
    return enquiry


@transaction.atomic
def enquiry_answer(*, actor: Any, enquiry_id: int, answer: str) -> Enquiry:
    """Answer the enquirer by e-mail: the answer is kept with the enquiry and goes through the outbox."""
    require_handler(actor)
    text = (answer or "").strip()
    if not text:
        raise ValidationError({"answer": _("Write the answer.")})
    if len(text) > ANSWER_MAX:
        raise ValidationError(
            {"answer": _("Keep the answer under %(max)s characters.") % {"max": ANSWER_MAX}}
        )
    enquiry = _locked(enquiry_id)
    if enquiry.is_erased or not enquiry.email:
        raise ValidationError(_("This enquiry has no e-mail address to answer to."))
    previous = _move(enquiry, Enquiry.Status.ANSWERED)
    enquiry.answer, enquiry.answered_by, enquiry.answered_at = text, actor, timezone.now()
    if enquiry.assigned_to_id is None:
        enquiry.assigned_to = actor
    enquiry.save(
        update_fields=["status", "answer", "answered_by", "answered_at", "assigned_to", "updated_at"]
    )
    with translation.override(enquiry.language):
        subject = gettext("Answer to your question: %(topic)s") % {"topic": enquiry.get_topic_display()}
    notification_enqueue_email(to_email=enquiry.email, subject=subject, body=text, kind=EMAIL_KIND)
    audit_record(actor=actor, action="enquiry.answered", target=enquiry, note=f"{previous} → answered")
    return enquiry


@transaction.atomic
def enquiry_close(*, actor: Any, enquiry_id: int) -> Enquiry:
    """Close an enquiry (answered, or not needing an answer). Its retention period starts now."""
    require_handler(actor)
    enquiry = _locked(enquiry_id)
    previous = _move(enquiry, Enquiry.Status.CLOSED)
    enquiry.closed_at = timezone.now()
    enquiry.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=actor, action="enquiry.closed", target=enquiry, note=f"{previous} → closed")
    return enquiry


def retention_cutoff(now: datetime) -> datetime:
    months = int(getattr(settings, "PORTAL_ENQUIRY_RETENTION_MONTHS", 24))
    return now - timedelta(days=round(months * 30.44))


def _erase(enquiry: Enquiry, now: datetime) -> None:
    email = enquiry.email
    enquiry.name = enquiry.organisation = enquiry.email = ""
    enquiry.message = ERASED_TEXT
    enquiry.answer = ERASED_TEXT if enquiry.answer else ""
    enquiry.erased_at = now
    enquiry.save(update_fields=[*PERSONAL_FIELDS, "erased_at", "updated_at"])
    if email:
        # The outbox holds copies (the acknowledgement, the answer): they go too.
        Notification.objects.filter(kind=EMAIL_KIND, recipient=None, to_email=email).exclude(
            to_email__in=Enquiry.objects.filter(erased_at__isnull=True).values("email")
        ).delete()


def enquiry_retention_run(now: datetime | None = None) -> int:
    """Erase the personal data of enquiries closed longer than the retention period ago. Idempotent;
    returns how many were erased."""
    now = now or timezone.now()
    due = Enquiry.objects.filter(closed_at__lt=retention_cutoff(now), erased_at__isnull=True)
    erased = 0
    for enquiry_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            enquiry = (
                Enquiry.objects.select_for_update().filter(pk=enquiry_id, erased_at__isnull=True).first()
            )
            if enquiry is None:
                continue
            _erase(enquiry, now)
            audit_record(actor=None, action="enquiry.erased", target=enquiry, note="retention period")
        erased += 1
    return erased
