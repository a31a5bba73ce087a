"""What a case page shows each reader: the case file, and the forms of the steps that reader may take
now (a refused form comes back bound, with its errors and what was typed)."""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from companies.models import SupplyLink
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.core.languages import RTL

from .. import services, workflow
from ..case_forms import (
    AssignForm,
    DeclineForm,
    EraseForm,
    FeedbackForm,
    FollowUpForm,
    HearingForm,
    IdentityForm,
    MessageForm,
    MoveForm,
    PauseForm,
    PublishForm,
    RouteForm,
    RulingForm,
)
from ..models import Complaint, Party
from ..permissions import ReceiptHolder, may_see_identity
from ..selectors import CaseFile
from ..status import FINAL, CaseStatus, is_open

S = CaseStatus

#: What the parties are told happens next, per status.
NEXT_STEP = {
    S.RECEIVED: _("The secretariat confirms that the complaint is being handled."),
    S.ACKNOWLEDGED: _("The complaints committee checks whether it can handle the complaint."),
    S.ADMISSIBILITY: _("The committee decides whether the complaint is admissible, with reasons."),
    S.ADMISSIBLE: _("The company is asked to reply to the complaint."),
    S.REPLY: _("The company replies; then the committee proposes mediation or a hearing."),
    S.MEDIATION: _("The parties look for a solution together, with a mediator."),
    S.HEARING: _("The committee hears the parties; then it drafts its ruling."),
    S.RULING: _("The committee writes its ruling, with recommendations where the complaint is founded."),
    S.FOLLOW_UP: _("The company reports on how it complies with the recommendations."),
}


def linked_companies(complaint: Complaint) -> Any:
    """Member companies of the covenant linked to the complaint's location (for routing)."""
    return (
        Organisation.objects.filter(
            kind=Role.COMPANY,
            memberships__covenant_id=complaint.covenant_id,
            pk__in=SupplyLink.objects.filter(location_id=complaint.location_id).values("company_id"),
        )
        .distinct()
        .order_by("name")
    )


def next_moves(case: CaseFile) -> list[str]:
    """The moves the reader may make now, in the table's order."""
    mover = {Party.SECRETARIAT: "secretariat", Party.COMMITTEE: "committee", Party.COMPLAINANT: "complainant"}
    who = mover.get(case.party)
    current = CaseStatus(case.complaint.status)
    return [s for s in CaseStatus if s in workflow.TRANSITIONS[current] and who in workflow.movers(s)]


def case_context(request: HttpRequest, actor: Any, case: CaseFile, bound: dict[str, Form]) -> dict[str, Any]:
    complaint, party = case.complaint, case.party
    staff = case.is_staff
    running = is_open(complaint.status)
    moves = next_moves(case)
    forms: dict[str, Form | None] = {
        "message": MessageForm(staff=staff) if complaint.anonymised_at is None else None,
        "move": MoveForm(choices=[(s, S(s).label) for s in moves]) if moves else None,
        "pause": PauseForm() if staff and running else None,
        "assign": AssignForm(members=services.committee_members()) if party == Party.SECRETARIAT else None,
        "decline": DeclineForm() if party == Party.COMMITTEE else None,
        "route": (
            RouteForm(companies=linked_companies(complaint))
            if party == Party.SECRETARIAT and complaint.location_id and running
            else None
        ),
        "hearing": HearingForm() if staff and complaint.status in (S.REPLY, S.MEDIATION, S.HEARING) else None,
        "ruling": (
            RulingForm(companies=[r.company for r in case.respondents])
            if party == Party.COMMITTEE and complaint.status == S.RULING and case.ruling is None
            else None
        ),
        "follow_up": FollowUpForm()
        if party == Party.RESPONDENT and complaint.status == S.FOLLOW_UP
        else None,
        "publish": (
            PublishForm()
            if party == Party.SECRETARIAT
            and complaint.status in FINAL
            and complaint.status != S.WITHDRAWN
            and case.publication is None
            else None
        ),
        "feedback": (
            FeedbackForm()
            if party == Party.COMPLAINANT and complaint.status in FINAL and case.feedback is None
            else None
        ),
        "identity": IdentityForm()
        if party != Party.COMPLAINANT and may_see_identity(party, complaint)
        else None,
        "erase": EraseForm() if party == Party.SECRETARIAT else None,
    }
    for name, form in bound.items():
        forms[name] = form
    return {
        "case": case,
        "complaint": complaint,
        "party": party,
        "forms": forms,
        "next_step": NEXT_STEP.get(S(complaint.status), ""),
        "is_receipt_holder": isinstance(actor, ReceiptHolder),
        "rtl": (getattr(request, "LANGUAGE_CODE", "") or "") in RTL,
    }
