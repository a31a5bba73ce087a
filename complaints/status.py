"""The statuses of a complaint case, and the stage of the procedure (with its time frame) each belongs to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from covenants.models import ComplaintStage


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")
    ADMISSIBILITY = "admissibility", _("Admissibility under review")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    ADMISSIBLE = "admissible", _("Admissible")
    REPLY = "reply", _("Waiting for the respondent's reply")
    MEDIATION = "mediation", _("In mediation")
    SETTLED = "settled", _("Settled")
    HEARING = "hearing", _("Hearing")
    RULING = "ruling", _("Ruling being drafted")
    FOLLOW_UP = "follow_up", _("Follow-up of compliance")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = CaseStatus

#: Where a case ends: nothing moves on from here.
FINAL = frozenset({S.INADMISSIBLE, S.SETTLED, S.CLOSED, S.WITHDRAWN})

#: The stage, with the covenant's indicative time frame, that a case in each open status is in.
STAGE: dict[CaseStatus, ComplaintStage] = {
    S.RECEIVED: ComplaintStage.INTAKE,
    S.ACKNOWLEDGED: ComplaintStage.ADMISSIBILITY,
    S.ADMISSIBILITY: ComplaintStage.ADMISSIBILITY,
    S.ADMISSIBLE: ComplaintStage.REPLY,
    S.REPLY: ComplaintStage.REPLY,
    S.MEDIATION: ComplaintStage.MEDIATION,
    S.HEARING: ComplaintStage.HEARING,
    S.RULING: ComplaintStage.RULING,
    S.FOLLOW_UP: ComplaintStage.FOLLOW_UP,
}


def is_open(status: str) -> bool:
    return S(status) not in FINAL


def stage_of(status: str) -> ComplaintStage | None:
    """The stage whose time frame runs in `status`; None once the case has ended."""
    return STAGE.get(S(status))
