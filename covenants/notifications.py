"""What the covenants app tells people: its notification kinds, registered with the platform.

The services pass only the kind and its parameters; the platform renders these texts in the
reader's language when a notification is shown or e-mailed. Registered from `CovenantsConfig.ready`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from portal.notifications.kinds import per_language, register

if TYPE_CHECKING:
    from .models import Covenant


def covenant_name(covenant: Covenant) -> dict[str, str]:
    """The covenant's name as a parameter, in both languages (each falls back to the other)."""
    return per_language(nl=covenant.name_nl or covenant.name_en, en=covenant.name_en or covenant.name_nl)


def register_kinds() -> None:
    register(
        "membership.applied",
        subject=_("New membership application: {company} for {covenant}"),
        body=_("{company} applied to join {covenant}. Review the adherence declaration and decide."),
    )
    register(
        "membership.received",
        subject=_("Your application for {covenant} has been received"),
        body=_("The secretariat will review the application of {company} and let you know its decision."),
    )
    register(
        "membership.approved",
        subject=_("{company} is now a member of {covenant}"),
        body=_("The secretariat approved the application. {note}"),
    )
    register(
        "membership.rejected",
        subject=_("Your application for {covenant} was not approved"),
        body=_("Reasons given by the secretariat: {note}"),
    )
    register(
        "membership.suspended",
        subject=_("The membership of {company} in {covenant} has been suspended"),
        body=_("Reason given by the secretariat: {note}"),
    )
    register(
        "membership.reinstated",
        subject=_("The suspension of {company} in {covenant} has been lifted"),
        body=_("{company} is an active member again. {note}"),
    )
    register(
        "membership.ended",
        subject=_("The membership of {company} in {covenant} has ended"),
        body=_("Reason: {reason}. {note}"),
    )
    register(
        "cycle.opened",
        subject=_("The {year} cycle of {covenant} is open"),
        body=_(
            "Submit your self-assessment by {self_assessment} and disclose your production locations by {locations}."
        ),
    )
    register(
        "cycle.deadline_reminder",
        subject=_("Reminder: the self-assessment for {covenant} is due on {date}"),
        body=_(
            "Submit your self-assessment for the {year} cycle of {covenant} by {date} ({days} days left)."
        ),
    )
