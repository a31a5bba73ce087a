"""The complaint pages: filing without an account (and without JavaScript), the receipt code shown once
and never in a URL, returning with it, the case page per party, and the public pages."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from complaints import services
from complaints.models import Complaint, IdentityAccess
from complaints.status import CaseStatus
from portal.accounts.roles import Role
from tests.factories import user_with_role

from .helpers import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_limits():
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()
    translation.activate("en")


def _form_data(cast: Cast, **extra: str) -> dict[str, str]:
    client = Client()
    page = client.get(reverse("complaints:file"))
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    return {
        "token": token,
        "covenant": str(cast.covenant.pk),
        "filer": "worker",
        "subject": "company",
        "company": str(cast.company.pk),
        "what_happened": "<script>alert(1)</script> Wages withheld 😡 — اجرت روک لی گئی",
        "anonymous": "on",
        **extra,
    }


def test_an_anonymous_complaint_is_filed_and_its_code_shown_once_never_in_a_url():
    cast = Cast()
    client = Client()
    response = client.post(reverse("complaints:file"), _form_data(cast))
    assert response.status_code == 200
    html = response.content.decode()
    code = re.search(r"data-receipt-code>([\d ]+)<", html).group(1)
    assert len(code.replace(" ", "")) == 16
    assert "no-store" in response["Cache-Control"]
    complaint = Complaint.objects.exclude(pk=cast.complaint.pk).get()
    assert complaint.reference in html and complaint.anonymous
    # Returning with the code opens the case; the code is not in any URL on the way.
    back = client.post(reverse("complaints:return"), {"code": code})
    assert back.status_code == 302 and code.replace(" ", "") not in back["Location"]
    page = client.get(back["Location"])
    assert page.status_code == 200 and "&lt;script&gt;" in page.content.decode()
    assert "<script>alert(1)</script>" not in page.content.decode()
    # A message from the complainant.
    sent = client.post(back["Location"], {"body": "Any news?"})
    assert sent.status_code == 302 and complaint.messages.get().party == "complainant"


def test_a_wrong_code_says_nothing_and_guessing_is_throttled(settings):
    settings.PORTAL_COMPLAINT_CODE_LIMIT = (3, 900)
    client = Client()
    wrong = client.post(reverse("complaints:return"), {"code": "1234 5678 9012 3452"})
    assert wrong.status_code == 400 and "does not open a case" in wrong.content.decode()
    bad = client.post(reverse("complaints:return"), {"code": "12ab"})
    assert bad.status_code == 400 and "16 digits" in bad.content.decode()
    client.post(reverse("complaints:return"), {"code": "1"})
    assert client.post(reverse("complaints:return"), {"code": "1"}).status_code == 429


def test_a_bad_form_keeps_what_was_typed_and_says_what_is_wrong():
    cast = Cast()
    data = _form_data(cast, company="", what_happened="Long text " * 3000, happened_on="9999-01-01")
    response = Client().post(reverse("complaints:file"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html and "Choose the company." in html and "future" in html
    assert "Long text Long text" in html


def test_the_form_is_offered_in_bengali_and_urdu_right_to_left_while_staff_pages_stay_dutch_and_english():
    client = Client()
    assert client.get("/bn/complaints/file/").status_code == 200
    urdu = client.get("/ur/complaints/file/")
    assert urdu.status_code == 200 and 'dir="rtl"' in urdu.content.decode()
    staff = client.get("/bn/complaints/")
    assert staff.status_code == 302 and staff["Location"].startswith("/en/complaints/")


def test_the_honeypot_stores_nothing():
    cast = Cast()
    response = Client().post(reverse("complaints:file"), _form_data(cast, website="http://spam.test"))
    assert response.status_code == 200
    assert Complaint.objects.count() == 1


def test_the_case_page_for_the_secretariat_and_the_identity_read_is_logged():
    cast = Cast(name="Rahima", email="rahima@example.test")
    client = Client()
    client.force_login(cast.secretariat)
    url = reverse("complaints:case", kwargs={"reference": cast.complaint.reference})
    page = client.get(url)
    assert page.status_code == 200 and "rahima@example.test" not in page.content.decode()
    shown = client.post(reverse("complaints:case-identity", kwargs={"reference": cast.complaint.reference}),
                        {"purpose": "call back"})  # fmt: skip
    assert "rahima@example.test" in shown.content.decode()
    assert IdentityAccess.objects.filter(reader=cast.secretariat).count() == 1
    moved = client.post(
        reverse("complaints:case-action", kwargs={"reference": cast.complaint.reference, "action": "move"}),
        {"to_status": CaseStatus.ACKNOWLEDGED},
    )
    assert moved.status_code == 302
    assert Complaint.objects.get(pk=cast.complaint.pk).status == CaseStatus.ACKNOWLEDGED


def test_the_wrong_stakeholder_gets_404_on_the_case_and_its_documents():
    cast = Cast()
    url = reverse("complaints:case", kwargs={"reference": cast.complaint.reference})
    for role in (Role.GOVERNMENT, Role.NGO, Role.COMPANY):
        client = Client()
        client.force_login(user_with_role(role))
        assert client.get(url).status_code == 404
    respondent = Client()
    respondent.force_login(cast.company_user)
    assert respondent.get(url).status_code == 404  # not before admissibility
    cast.move_to(CaseStatus.ADMISSIBLE)
    assert respondent.get(url).status_code == 200


def test_public_pages():
    cast = Cast()
    cast.move_to(CaseStatus.ADMISSIBILITY)
    services.complaint_move(
        actor=cast.committee, complaint_id=cast.complaint.pk, to_status="inadmissible", reason="No link."
    )
    services.complaint_publish(
        actor=cast.secretariat,
        complaint_id=cast.complaint.pk,
        summary_nl="Samenvatting.",
        summary_en="Summary.",
    )
    client = Client()
    assert "Summary." in client.get(reverse("complaints:rulings")).content.decode()
    assert (
        client.get(reverse("complaints:ruling", kwargs={"reference": cast.complaint.reference})).status_code
        == 200
    )
    assert client.get(reverse("complaints:tracker")).status_code == 200
    figures = client.get(reverse("complaints:performance", kwargs={"slug": cast.covenant.slug}))
    assert figures.status_code == 200


def test_the_acknowledgement_links_to_the_return_page_by_its_full_address(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    from portal.notifications.models import Notification

    cast = Cast(email="rahima@example.test", language="en")
    mail = Notification.objects.get(to_email="rahima@example.test")
    assert "https://portal.example.org/en/complaints/return/" in mail.body
    assert cast.complaint.reference in mail.body


def test_the_public_tracker_lists_running_cases_only_where_the_covenant_turned_it_on():
    from complaints.models import ComplaintSettings

    cast = Cast(name="Rahima")
    cast.move_to(CaseStatus.ADMISSIBLE)
    client = Client()
    assert cast.complaint.reference not in client.get(reverse("complaints:tracker")).content.decode()
    ComplaintSettings.objects.create(covenant=cast.covenant, public_tracker=True)
    html = client.get(reverse("complaints:tracker")).content.decode()
    assert cast.complaint.reference in html and cast.company.name in html and "Rahima" not in html
