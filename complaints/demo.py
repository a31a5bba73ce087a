"""Demo complaints of the garment covenant, in several stages, all assigned to the demo committee:
one just received, one in mediation, one ruled and in follow-up, one closed and published, one filed
anonymously (its receipt code is printed) and one filed in Bengali. Each is filed and moved through
the real services; a fixed form token per case makes a second run change nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from covenants.models import Covenant, RiskTheme
from portal.accounts.models import Organisation, User

from . import receipt, services
from .models import Complaint, Publication, Ruling
from .status import CaseStatus

S = CaseStatus
SECRETARIAT_STEPS = (S.ACKNOWLEDGED, S.ADMISSIBILITY)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _file(token: str, actor: Any, garments: Covenant, company: Organisation, **fields: Any) -> Complaint:
    theme_codes = fields.pop("themes", ["living-wage"])
    themes = list(RiskTheme.objects.filter(code__in=theme_codes, covenant__isnull=True))
    filed = services.complaint_file(
        actor=actor, token=token, covenant=garments, company=company, themes=themes, **fields
    )
    return filed.complaint


def _advance(complaint: Complaint, target: str, secretariat: User, committee: User) -> Complaint:
    path = [S.ACKNOWLEDGED, S.ADMISSIBILITY, S.ADMISSIBLE, S.REPLY, S.MEDIATION, S.HEARING, S.RULING]
    order = [S.RECEIVED, *path]
    if complaint.status not in order or order.index(S(complaint.status)) >= order.index(S(target)):
        return complaint
    for status in path[order.index(S(complaint.status)) :]:
        actor = secretariat if status in SECRETARIAT_STEPS else committee
        complaint = services.complaint_move(actor=actor, complaint_id=complaint.pk, to_status=status)
        if status == target:
            break
    return complaint


def _assign(complaint: Complaint, secretariat: User, committee: User) -> None:
    if not complaint.assignments.filter(member=committee).exists():
        services.committee_assign(actor=secretariat, complaint_id=complaint.pk, member_id=committee.pk)


def _rule(complaint: Complaint, committee: User, company: Organisation, founded: bool) -> None:
    if Ruling.objects.filter(complaint=complaint).exists():
        return
    services.complaint_move(actor=committee, complaint_id=complaint.pk, to_status=S.HEARING)
    services.complaint_move(actor=committee, complaint_id=complaint.pk, to_status=S.RULING)
    recommendations = [(company.pk, "Pay the overtime owed to the workers of the sewing department",
                        timezone.localdate() + timedelta(days=120))] if founded else []  # fmt: skip
    services.ruling_record(
        actor=committee,
        complaint_id=complaint.pk,
        outcome=Ruling.Outcome.FOUNDED if founded else Ruling.Outcome.UNFOUNDED,
        text_nl="De commissie acht de klacht gegrond: het overwerk is niet betaald." if founded else
        "De commissie acht de klacht ongegrond: de lonen zijn volgens de cao betaald.",
        text_en="The committee finds the complaint founded: the overtime was not paid." if founded else
        "The committee finds the complaint unfounded: wages were paid under the collective agreement.",
        recommendations=recommendations,
    )  # fmt: skip


def seed(*, password: str, log: Any) -> None:
    garments = Covenant.objects.get(slug="garments-textile")
    secretariat, committee = _user("secretariat@demo.example"), _user("committee@demo.example")
    ngo, union = _user("ngo@demo.example"), _user("union@demo.example")
    first, second = _user("company@demo.example"), _user("company2@demo.example")
    company, company_2 = first.organisation, second.organisation
    assert company is not None and company_2 is not None
    anonymous = AnonymousUser()
    # One just received (an NGO, with its account).
    received = _file("demo-received", ngo, garments, company, filer="ngo", language="nl",
                     what_happened="Bij een leverancier in Gazipur worden naaisters ontslagen nadat zij een vakbond oprichtten.",
                     themes=["freedom-of-association"], country="BD")  # fmt: skip
    # One in mediation (a union).
    mediation = _file("demo-mediation", union, garments, company_2, filer="union", language="en",
                      what_happened="Workers at a spinning mill were not paid the legal minimum wage for four months.",
                      outcome_sought="Back pay for the workers and a wage audit.", country="IN")  # fmt: skip
    # One ruled and in follow-up (the NGO).
    follow_up = _file("demo-follow-up", ngo, garments, company, filer="ngo", language="en",
                      what_happened="Overtime in the sewing department was not paid during the peak season.",
                      themes=["living-wage", "health-safety"], country="BD")  # fmt: skip
    # One closed and published.
    published = _file("demo-published", union, garments, company_2, filer="union", language="nl",
                      what_happened="Werknemers van een ververij kregen geen beschermende kleding.",
                      themes=["health-safety"], country="TR")  # fmt: skip
    # One anonymous, followed with its receipt code.
    anonymous_case = _file("demo-anonymous", anonymous, garments, company, filer="worker", language="en",
                           anonymous=True, country="BD",
                           what_happened="Our supervisor locks the fire exit during night shifts.")  # fmt: skip
    # One filed in Bengali.
    bengali = _file("demo-bengali", anonymous, garments, company, filer="worker", language="bn", country="BD",
                    email="worker@demo.example",
                    what_happened="রাতের শিফটে আমাদের ওভারটাইমের টাকা দেওয়া হয় না।")  # fmt: skip
    for complaint in (received, mediation, follow_up, published, anonymous_case, bengali):
        _assign(complaint, secretariat, committee)
    _advance(mediation, S.MEDIATION, secretariat, committee)
    _advance(anonymous_case, S.ADMISSIBILITY, secretariat, committee)
    _advance(bengali, S.ACKNOWLEDGED, secretariat, committee)
    follow_up = _advance(follow_up, S.REPLY, secretariat, committee)
    if follow_up.status == S.REPLY:
        _rule(follow_up, committee, company, founded=True)
        services.complaint_move(actor=committee, complaint_id=follow_up.pk, to_status=S.FOLLOW_UP)
    published = _advance(published, S.REPLY, secretariat, committee)
    if published.status == S.REPLY:
        _rule(published, committee, company_2, founded=False)
        services.complaint_move(actor=committee, complaint_id=published.pk, to_status=S.CLOSED)
    if not Publication.objects.filter(complaint=published).exists():
        services.complaint_publish(
            actor=secretariat,
            complaint_id=published.pk,
            summary_nl="Een vakbond klaagde dat werknemers van een ververij geen beschermende kleding kregen. "
            "De commissie vond geen tekortkoming van het bedrijf.",
            summary_en="A union complained that workers of a dye house got no protective clothing. The "
            "committee found no failure of the company.",
            withheld="The name of the dye house, to protect the workers who spoke to the union.",
        )
    code = receipt.display(receipt.from_token("demo-anonymous"))
    log(f"  complaints: six cases in several stages; the anonymous one ({anonymous_case.reference}) opens "
        f"with receipt code {code}")  # fmt: skip
