"""What the accounts part of the platform tells people: its notification kinds.

Registered from `AccountsConfig.ready`; rendered in the reader's language (portal.notifications.kinds).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.notifications.kinds import register


def register_kinds() -> None:
    register(
        "organisation.registered",
        subject=_("New account request: {name}"),
        body=_("{name} ({kind}) asks for access to the portal. Review the request."),
    )
    register(
        "organisation.approved",
        subject=_("Your organisation {name} has been approved"),
        body=_("You can now use the IMVO Covenant Portal. {note}"),
    )
    register(
        "organisation.rejected",
        subject=_("Your request for {name} was not approved"),
        body=_("Reason given by the secretariat: {note}"),
    )
    register(
        "organisation.account_requested",
        subject=_("Someone asked for an account for {name}"),
        body=_(
            "{person} ({email}) asked for a new account for {name}, which already has one. "
            "If this is a colleague, ask the secretariat to add them to your organisation. "
            "If you do not know this request, you can ignore this message."
        ),
    )
    register(
        "organisation.account_requested_existing",
        subject=_("Account request for an existing organisation: {name}"),
        body=_(
            "{person} ({email}) asked for an account for {name}, which already has one. "
            "The new account is not linked to any organisation."
        ),
    )
