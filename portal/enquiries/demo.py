"""Two demo enquiries through the real services: one open, one answered by the demo secretariat.
A second run changes nothing (each is found again by its sender's address)."""

from __future__ import annotations

from typing import Any

from portal.accounts.models import User

from . import services
from .models import Enquiry

OPEN_EMAIL = "inkoop@voorbeeld-schoenen.example"
ANSWERED_EMAIL = "duurzaamheid@voorbeeld-meubel.example"


def seed(*, password: str, log: Any) -> None:
    if not Enquiry.objects.filter(email=OPEN_EMAIL).exists():
        services.enquiry_submit(
            topic=Enquiry.Topic.JOIN,
            name="Anouk Mulder",
            organisation="Voorbeeld Schoenen B.V. (demo)",
            email=OPEN_EMAIL,
            message="Wij willen graag toetreden tot een convenant. Welke stappen moeten wij zetten?",
            language="nl",
        )
        log("  an open enquiry")
    if not Enquiry.objects.filter(email=ANSWERED_EMAIL).exists():
        enquiry = services.enquiry_submit(
            topic=Enquiry.Topic.DUE_DILIGENCE,
            name="Tom Hendriks",
            organisation="Voorbeeld Meubel B.V. (demo)",
            email=ANSWERED_EMAIL,
            message="How do we start a risk analysis of our supply chain?",
            language="en",
        )
        secretariat = User.objects.filter(email="secretariat@demo.example").first()
        if secretariat is not None:
            services.enquiry_assign(actor=secretariat, enquiry_id=enquiry.pk, assignee_id=secretariat.pk)
            services.enquiry_answer(
                actor=secretariat,
                enquiry_id=enquiry.pk,
                answer="Start with the OECD guidelines' six steps; the self-assessment in the portal "
                "follows them. We are happy to plan a call.",
            )
        log("  an answered enquiry")
