"""What the complaints app tells portal users, registered from `ComplaintsConfig.ready`. These texts
never carry the complainant's identity or the content of a message: only the reference, the covenant,
the stage and a link to the case page, where access is checked again. E-mails to a complainant without
an account are written in the case's language by the services (`services._common.email_complainant`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.notifications.kinds import register


def register_kinds() -> None:
    register(
        "complaint.received",
        subject=_("New complaint received: {reference}"),
        body=_(
            "A complaint to the complaints committee of {covenant} has been filed: {reference}. Acknowledge it and start the admissibility review."
        ),
    )
    register(
        "complaint.filed",
        subject=_("Your organisation's complaint has been received: {reference}"),
        body=_(
            "The complaint {reference} to the complaints committee of {covenant} has been received. Follow it in the portal."
        ),
    )
    register(
        "complaint.moved",
        subject=_("Complaint {reference}: {status}"),
        body=_("The complaint {reference} ({covenant}) has moved on: {status}."),
    )
    register(
        "complaint.admitted",
        subject=_("A complaint about your company has been found admissible: {reference}"),
        body=_(
            "The complaints committee of {covenant} has found the complaint {reference} admissible. Read it in "
            "the portal and send your reply within the time frame shown there. It has also been added to your "
            "risk register, flagged as coming from a complaint."
        ),
    )
    register(
        "complaint.message",
        subject=_("New message in complaint {reference}"),
        body=_("There is a new message or document in the complaint {reference} ({covenant})."),
    )
    register(
        "complaint.assigned",
        subject=_("You have been assigned to complaint {reference}"),
        body=_(
            "The secretariat assigned you to the complaint {reference} ({covenant}). If you have a conflict "
            "of interest, decline the case on its page and give the reason."
        ),
    )
    register(
        "complaint.declined",
        subject=_("A committee member declined complaint {reference}"),
        body=_("A committee member declined the complaint {reference}. Assign another member."),
    )
    register(
        "complaint.overdue",
        subject=_("Complaint {reference} is past its time frame: {stage}"),
        body=_("The stage “{stage}” of the complaint {reference} ({covenant}) was due on {date}."),
    )
    register(
        "complaint.hearing",
        subject=_("A hearing is planned in complaint {reference}"),
        body=_(
            "The complaints committee has planned a hearing in the complaint {reference}. See the date and place in the portal."
        ),
    )
    register(
        "complaint.ruling",
        subject=_("The committee has ruled on complaint {reference}"),
        body=_(
            "The complaints committee of {covenant} has ruled on the complaint {reference}. Read the ruling in the portal."
        ),
    )
    register(
        "complaint.follow_up",
        subject=_("New follow-up report in complaint {reference}"),
        body=_(
            "The company has reported on its compliance with the recommendations in the complaint {reference}."
        ),
    )
