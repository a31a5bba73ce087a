"""The upload flow: upload, preview, confirm, result; idempotent re-upload; another company's 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from companies.models import LocationUpload, ProductionLocation, SupplyLink
from portal.accounts.roles import Role
from portal.jobs.models import Job
from tests.covenants.factories import MembershipFactory
from tests.factories import user_with_role

from .factories import LocationFactory, SupplyLinkFactory

pytestmark = pytest.mark.django_db

CSV = (
    b"name,address,city,country,tier,product categories,first year,last year,show publicly\r\n"
    b"Rahman Knit Composite,Plot 12 BSCIC,Gazipur,Bangladesh,1,Apparel,2020,2024,yes\r\n"
    b"Anatolia Denim,Organize Sanayi 4,Denizli,TR,2,,,,no\r\n"
    b"Rahman Knit Composite,Plot 12 BSCIC,Gazipur,BD,1,,,,\r\n"
    b'=HYPERLINK("http://x"),Road 1,Dhaka,Atlantis,0,,,,\r\n'
)


@pytest.fixture
def company() -> Any:
    user = user_with_role(Role.COMPANY, preferred_language="nl")
    user.membership = MembershipFactory(company=user.organisation, active=True)
    return user


class CommittingClient(Client):
    """A client whose POSTs run their on-commit callbacks, so the (eager) tasks run as in production."""

    capture: Any = None

    def post(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        with self.capture(execute=True):
            return super().post(*args, **kwargs)


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks: Any) -> None:
    CommittingClient.capture = django_capture_on_commit_callbacks


def _client(user: Any) -> Client:
    client = CommittingClient()
    client.force_login(user)
    return client


def _upload(client: Client, covenant_id: int, content: bytes = CSV, name: str = "list.csv") -> Any:
    return client.post(
        reverse("companies:upload-create"),
        {"covenant": covenant_id, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_upload_shows_preview_and_changes_nothing_until_confirmed(company: Any) -> None:
    client = _client(company)
    response = _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:upload-detail", args=[upload.pk])
    assert upload.status == LocationUpload.Status.PREVIEW
    assert (upload.rows, upload.valid, upload.rejected, upload.duplicates) == (4, 2, 1, 1)
    assert upload.job.status == Job.Status.DONE
    assert not ProductionLocation.objects.exists() and not SupplyLink.objects.exists()
    assert not upload.file.name.endswith("list.csv")
    page = client.get(response["Location"]).content.decode()
    assert "Unknown country" in page
    assert "The same location as line 2." in page
    assert "Confirm and apply the valid rows" in page
    assert "1 row is rejected and will be skipped" in page


def test_confirm_creates_locations_and_links_and_offers_the_result(company: Any) -> None:
    client = _client(company)
    _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED
    assert (upload.created, upload.matched, upload.updated, upload.rejected) == (2, 0, 0, 1)
    links = {link.location.name: link for link in SupplyLink.objects.select_related("location")}
    assert set(links) == {"Rahman Knit Composite", "Anatolia Denim"}
    rahman = links["Rahman Knit Composite"]
    assert (rahman.company_id, rahman.covenant_id) == (
        company.organisation_id,
        company.membership.covenant_id,
    )
    assert (rahman.tier, rahman.product_categories, rahman.first_year, rahman.show_publicly) == (
        1,
        ["apparel"],
        2020,
        True,
    )
    assert links["Anatolia Denim"].tier == 2
    result = client.get(reverse("companies:upload-result", args=[upload.pk]))
    assert result["Content-Disposition"].startswith("attachment;")
    body = result.content.decode("utf-8-sig")
    assert "Created" in body and "Rejected" in body and "Duplicate" in body
    assert "'=HYPERLINK" in body  # formula-safe


def test_confirm_matches_and_updates_existing_links(company: Any) -> None:
    covenant = company.membership.covenant
    known = LocationFactory(
        name="Rahman Knit Composite", address="Plot 12 BSCIC", city="Gazipur", country="BD"
    )
    SupplyLinkFactory(company=company.organisation, location=known, covenant=covenant, tier=2)
    LocationFactory(name="Anatolia Denim", address="Organize Sanayi 4", city="Denizli", country="TR")
    client = _client(company)
    _upload(client, covenant.pk)
    upload = LocationUpload.objects.get()
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    upload.refresh_from_db()
    assert (upload.created, upload.matched, upload.updated) == (0, 1, 1)
    assert ProductionLocation.objects.count() == 2
    assert SupplyLink.objects.get(location=known).tier == 1


def test_cancel_changes_nothing(company: Any) -> None:
    client = _client(company)
    _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "cancel"})
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.CANCELLED
    assert not ProductionLocation.objects.exists()


def test_uploading_the_same_file_again_changes_nothing(company: Any) -> None:
    client = _client(company)
    _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    again = _upload(client, company.membership.covenant_id, name="renamed.csv")
    assert LocationUpload.objects.count() == 1
    assert again["Location"] == reverse("companies:upload-detail", args=[upload.pk])
    page = client.get(again["Location"]).content.decode()
    assert "You uploaded this file for this covenant before; nothing has changed." in page
    assert SupplyLink.objects.count() == 2


def test_bad_file_gets_the_library_message_at_the_field(company: Any) -> None:
    client = _client(company)
    response = _upload(client, company.membership.covenant_id, b"just,some\r\nwords,here\r\n")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"]
    assert "column" in " ".join(form.errors["file"]).lower()
    assert not LocationUpload.objects.exists()


def test_empty_file_is_refused_at_the_field(company: Any) -> None:
    response = _upload(_client(company), company.membership.covenant_id, b"")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_covenant_the_company_is_not_member_of_is_refused(company: Any) -> None:
    other = MembershipFactory(active=True)
    response = _upload(_client(company), other.covenant_id)
    assert response.status_code == 200
    assert response.context["form"].errors["covenant"]
    assert not LocationUpload.objects.exists()


def test_another_company_gets_404_on_preview_confirm_and_download(company: Any) -> None:
    _upload(_client(company), company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    intruder = _client(user_with_role(Role.COMPANY))
    assert intruder.get(reverse("companies:upload-detail", args=[upload.pk])).status_code == 404
    assert intruder.get(reverse("companies:upload-result", args=[upload.pk])).status_code == 404
    decided = intruder.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    assert decided.status_code == 404
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.PREVIEW


def test_templates_download_in_both_languages(company: Any) -> None:
    client = _client(company)
    dutch = client.get(reverse("companies:upload-template", args=["nl", "csv"]))
    english = client.get(reverse("companies:upload-template", args=["en", "xlsx"]))
    assert dutch["Content-Disposition"] == 'attachment; filename="locaties-template.csv"'
    assert ";" in dutch.content.decode("utf-8-sig").splitlines()[0]
    assert english.content.startswith(b"PK")


def test_upload_list_uses_a_fixed_number_of_queries(company: Any, django_assert_max_num_queries: Any) -> None:
    client = _client(company)
    _upload(client, company.membership.covenant_id)
    client.get(reverse("companies:uploads"))  # warm the session and caches
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("companies:uploads"))
    budget = len(few.captured_queries)
    for number in range(5):
        _upload(client, company.membership.covenant_id, CSV + f"Extra {number},Road,Dhaka,BD\r\n".encode())
    with django_assert_max_num_queries(budget):
        page = client.get(reverse("companies:uploads"))
    assert page.content.decode().count("list.csv") == 6


def test_a_file_refused_while_reading_fails_the_upload_with_the_reason(company: Any, settings: Any) -> None:
    settings.PORTAL_LOCATION_UPLOAD_MAX_ROWS = 2
    client = _client(company)
    response = _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    assert upload.status == LocationUpload.Status.FAILED
    assert upload.job.status == Job.Status.FAILED
    assert "rows" in upload.message
    assert upload.message in client.get(response["Location"]).content.decode()
    assert not ProductionLocation.objects.exists()


def test_running_the_tasks_again_changes_nothing(company: Any) -> None:
    from companies import tasks

    client = _client(company)
    _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    tasks.location_upload_parse(upload.pk)
    tasks.location_upload_apply(upload.pk)
    upload.refresh_from_db()
    assert upload.status == LocationUpload.Status.APPLIED
    assert (upload.created, upload.matched, upload.updated) == (2, 0, 0)
    assert ProductionLocation.objects.count() == 2 and SupplyLink.objects.count() == 2


def test_confirming_twice_is_refused_with_a_message(company: Any) -> None:
    client = _client(company)
    _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    client.post(reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"})
    again = client.post(
        reverse("companies:upload-decide", args=[upload.pk]), {"decision": "confirm"}, follow=True
    )
    assert "This upload is not waiting for confirmation." in again.content.decode()
    assert SupplyLink.objects.count() == 2


def test_companies_find_their_uploads_in_the_navigation_and_on_home(company: Any) -> None:
    client = _client(company)
    home = client.get(reverse("accounts:home"), follow=True).content.decode()
    assert reverse("companies:uploads") in home
    ngo = _client(user_with_role(Role.NGO))
    assert reverse("companies:uploads") not in ngo.get(reverse("accounts:home"), follow=True).content.decode()


def test_a_running_upload_polls_its_status_until_done(company: Any) -> None:
    client = _client(company)
    _upload(client, company.membership.covenant_id)
    upload = LocationUpload.objects.get()
    LocationUpload.objects.filter(pk=upload.pk).update(status=LocationUpload.Status.PARSING)
    url = reverse("companies:upload-detail", args=[upload.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert f'hx-get="{url}"' in partial and "<html" not in partial
    LocationUpload.objects.filter(pk=upload.pk).update(status=LocationUpload.Status.PREVIEW)
    assert "hx-get" not in client.get(url, headers={"HX-Request": "true"}).content.decode()
