"""What the due-diligence app tells people: its notification kinds, registered with the platform from
`DuediligenceConfig.ready`. Texts are rendered in the reader's language when shown or e-mailed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.notifications.kinds import register


def register_kinds() -> None:
    register(
        "assessment.deadline",
        subject=_("Your self-assessment for {covenant} is due on {date}"),
        body=_(
            "The self-assessment of {company} for the {year} cycle of {covenant} is due on {date} "
            "({days} days left). Complete the required answers and submit it in the portal."
        ),
    )
    register(
        "action.overdue",
        subject=_("An action of your action plan is overdue: {action}"),
        body=_("The action “{action}” was due on {date}. Record its progress or plan a new due date."),
    )
    register(
        "review.overdue",
        subject=_("A self-assessment waits for review past its due date: {company}"),
        body=_(
            "The self-assessment of {company} for the {year} cycle of {covenant} was to be reviewed by {date}."
        ),
    )
    register(
        "assessment.escalation",
        subject=_("{company} missed the self-assessment deadline of {covenant} by more than 30 days"),
        body=_(
            "{company} has not submitted its self-assessment for the {year} cycle of {covenant}, due on "
            "{date}. Consider a talk with the company and, after that, escalation."
        ),
    )
    register(
        "performance.shared",
        subject=_("Your public performance summary for {covenant} ({year}) is ready for your comment"),
        body=_(
            "The secretariat has written the public summary of your {year} performance check in {covenant}. "
            "Read it in the portal; you may add a comment until {date}, which is published with it."
        ),
    )
    register(
        "performance.published",
        subject=_("Your performance summary for {covenant} ({year}) has been published"),
        body=_("The summary of your {year} performance check is now on the public page of {covenant}."),
    )
    register(
        "suspension.review",
        subject=_("A membership is up for a suspension review: {company} in {covenant}"),
        body=_(
            "The membership of {company} in {covenant} has been put on the suspension review queue. "
            "Review it and record the decision."
        ),
    )
