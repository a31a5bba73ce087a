"""The complainant's identity never reaches the respondent unless consented: not on its pages, not in
the API, not in any notification or e-mail; and the complainant of a location complaint never learns
which members it was routed to."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from complaints import services
from complaints.status import CaseStatus
from portal.notifications.models import Notification
from tests.companies.factories import SupplyLinkFactory

from .helpers import Cast, file_complaint

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Rahima Begum", "rahima.begum@example.test", "+880 1711 223344"


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def _texts_for(user) -> str:
    return " ".join(f"{n.subject} {n.body} {n.url}" for n in Notification.objects.filter(recipient=user))


def test_an_undisclosed_identity_never_reaches_the_respondent():
    cast = Cast(name=NAME, email=EMAIL, phone=PHONE, organisation="Workers' Rights Group")
    cast.move_to(CaseStatus.RULING)
    services.ruling_record(actor=cast.committee, complaint_id=cast.complaint.pk, outcome="founded", text_nl="Gegrond.",
                           text_en="Founded.", recommendations=[(cast.company.pk, "Pay the overtime", date(2027, 1, 1))])  # fmt: skip
    services.message_post(actor=cast.committee, complaint_id=cast.complaint.pk, body="Please reply.")
    client = Client()
    client.force_login(cast.company_user)
    reference = cast.complaint.reference
    page = client.get(reverse("complaints:case", kwargs={"reference": reference})).content.decode()
    api = client.get(reverse("api:complaints-detail", kwargs={"reference": reference})).content.decode()
    listing = client.get(reverse("api:complaints-list")).content.decode()
    identity = client.post(
        reverse("complaints:case-identity", kwargs={"reference": reference}), {"purpose": "x"}
    )
    assert identity.status_code == 404
    for text in (page, api, listing, _texts_for(cast.company_user)):
        for secret in (NAME, EMAIL, PHONE, "Workers' Rights Group", "Rahima"):
            assert secret not in text
    # The only message with the address is the one sent to it, and it never holds the receipt code.
    to_complainant = Notification.objects.filter(to_email=EMAIL)
    assert to_complainant.exists()
    code = cast.filed.receipt_code
    assert all(code not in n.body and code not in n.subject for n in Notification.objects.all())


def test_a_consented_identity_is_shown_to_the_respondent_and_the_read_is_logged():
    cast = Cast(name=NAME, email=EMAIL, share_identity=True)
    cast.move_to(CaseStatus.ADMISSIBLE)
    client = Client()
    client.force_login(cast.company_user)
    response = client.post(
        reverse("complaints:case-identity", kwargs={"reference": cast.complaint.reference}),
        {"purpose": "to reply"},
    )
    assert NAME in response.content.decode()
    assert cast.complaint.identity_reads.get().reader == cast.company_user


def test_the_complainant_of_a_location_complaint_never_learns_the_routed_members():
    cast = Cast()
    link = SupplyLinkFactory(company=cast.company, covenant=cast.covenant)
    filed = file_complaint(cast.covenant, location=link.location, anonymous=True)
    services.respondents_route(
        actor=cast.secretariat, complaint_id=filed.complaint.pk, company_ids=[cast.company.pk]
    )
    client = Client()
    back = client.post(reverse("complaints:return"), {"code": filed.receipt_code})
    page = client.get(back["Location"]).content.decode()
    assert cast.company.name not in page
    api = client.post(
        reverse("api:complaints-receipt"), {"code": filed.receipt_code}, content_type="application/json"
    )
    assert api.status_code == 200 and cast.company.name not in api.content.decode()


def test_the_case_list_api_gives_the_country_as_its_code():
    cast = Cast()
    type(cast.complaint).objects.filter(pk=cast.complaint.pk).update(country="BD")
    client = Client()
    client.force_login(cast.secretariat)
    listing = client.get(reverse("api:complaints-list"))
    assert listing.status_code == 200
    [case] = [c for c in listing.json()["results"] if c["reference"] == cast.complaint.reference]
    assert case["country"] == "BD"
    detail = client.get(reverse("api:complaints-detail", kwargs={"reference": cast.complaint.reference}))
    assert detail.status_code == 200 and detail.json()["case"]["country"] == "BD"
