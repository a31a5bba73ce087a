"""Building complaint cases for tests: filed through the real service, moved along the real table."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import AnonymousUser

from complaints import services
from complaints.models import Complaint
from complaints.status import CaseStatus
from portal.accounts.roles import Role
from tests.covenants.factories import MembershipFactory
from tests.factories import UserFactory, user_with_role

S = CaseStatus
#: The moves from "received" to each status, with who makes them.
PATH = [
    (S.ACKNOWLEDGED, "secretariat"),
    (S.ADMISSIBILITY, "secretariat"),
    (S.ADMISSIBLE, "committee"),
    (S.REPLY, "committee"),
    (S.MEDIATION, "committee"),
    (S.HEARING, "committee"),
    (S.RULING, "committee"),
]


class Cast:
    """The people of one case: a member company with a user, the secretariat, an assigned committee
    member, and the complaint itself."""

    def __init__(self, **file_kwargs: Any) -> None:
        self.membership = MembershipFactory(active=True)
        self.covenant = self.membership.covenant
        self.company = self.membership.company
        self.company_user = UserFactory(organisation=self.company)
        self.secretariat = user_with_role(Role.SECRETARIAT)
        self.committee = user_with_role(Role.COMMITTEE)
        self.filed = file_complaint(self.covenant, company=self.company, **file_kwargs)
        self.complaint = self.filed.complaint
        services.committee_assign(
            actor=self.secretariat, complaint_id=self.complaint.pk, member_id=self.committee.pk
        )

    def actor(self, who: str) -> Any:
        return {"secretariat": self.secretariat, "committee": self.committee}[who]

    def move_to(self, target: str) -> Complaint:
        """Move the case along the usual path, from where it is, up to `target`."""
        complaint = Complaint.objects.get(pk=self.complaint.pk)
        order = [S.RECEIVED, *(status for status, _who in PATH)]
        for status, who in PATH[order.index(S(complaint.status)) :]:
            if complaint.status == target:
                break
            complaint = services.complaint_move(
                actor=self.actor(who), complaint_id=complaint.pk, to_status=status
            )
        self.complaint = complaint
        return complaint


def file_complaint(covenant: Any, actor: Any = None, **kwargs: Any) -> services.Filed:
    fields: dict[str, Any] = {
        "filer": "worker",
        "what_happened": "The overtime was not paid for three months.",
        "language": "en",
        "themes": list(covenant.themes.all()[:1]),
        "country": "BD",
    }
    fields.update(kwargs)
    return services.complaint_file(
        actor=actor or AnonymousUser(), token=secrets.token_urlsafe(16), covenant=covenant, **fields
    )
