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
