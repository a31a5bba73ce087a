"""The companies API for location list uploads: create (multipart), status with job progress, preview
rows, confirm and cancel through the upload services; bad files and covenants are 400s at their field;
another company's upload is a 404 everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from companies.models import LocationUpload, SupplyLink
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory, MembershipFactory
from tests.factories import user_with_role

from .test_uploads import CSV, CommittingClient

pytestmark = pytest.mark.django_db

API = "/api/v1/location-uploads"


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks: Any) -> None:
    CommittingClient.capture = django_capture_on_commit_callbacks


@pytest.fixture
def company() -> Any:
    user = user_with_role(Role.COMPANY, preferred_language="en")
    user.membership = MembershipFactory(company=user.organisation, active=True)
    return user


def _client(user: Any) -> Client:
    client = CommittingClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _upload(client: Client, covenant: str, content: bytes = CSV, name: str = "list.csv") -> Any:
    return client.post(
        f"{API}/", {"covenant": covenant, "file": SimpleUploadedFile(name, content, "text/csv")}
    )


def test_upload_then_status_preview_rows_and_confirm(company: Any) -> None:
    client = _client(company)
    created = _upload(client, company.membership.covenant.slug)
    assert created.status_code == 201, created.content
    upload_id = created.json()["id"]

    status = client.get(f"{API}/{upload_id}/").json()
    assert status["status"] == LocationUpload.Status.PREVIEW and status["progress"] == 100
    assert (status["rows"], status["valid"], status["rejected"], status["duplicates"]) == (4, 2, 1, 1)
    assert not SupplyLink.objects.exists()

    rows = client.get(f"{API}/{upload_id}/rows/").json()
    by_status = {row["status"]: row for row in rows}
    assert "Unknown country" in by_status["rejected"]["reason"]
    assert by_status["duplicate"]["line"] == 4

    confirmed = client.post(f"{API}/{upload_id}/confirm/")
    assert confirmed.status_code == 200
    assert LocationUpload.objects.get(pk=upload_id).status == LocationUpload.Status.APPLIED
    assert SupplyLink.objects.filter(company=company.organisation).count() == 2
    # Confirming again is refused at the form level, not a 500.
    again = client.post(f"{API}/{upload_id}/confirm/")
    assert again.status_code == 400 and "non_field_errors" in again.json()


def test_the_same_file_again_returns_the_earlier_upload(company: Any) -> None:
    client = _client(company)
    first = _upload(client, company.membership.covenant.slug)
    second = _upload(client, company.membership.covenant.slug)
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    assert LocationUpload.objects.count() == 1


def test_cancel_changes_nothing(company: Any) -> None:
    client = _client(company)
    upload_id = _upload(client, company.membership.covenant.slug).json()["id"]
    response = client.post(f"{API}/{upload_id}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == LocationUpload.Status.CANCELLED
    assert not SupplyLink.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"\x00\x01\x02 not a table", "list.csv"), (b"foo,bar\r\n1,2\r\n", "list.csv"), (b"", "empty.csv")],
)
def test_a_bad_file_is_a_400_at_the_file_field(company: Any, content: bytes, name: str) -> None:
    response = _upload(_client(company), company.membership.covenant.slug, content, name)
    assert response.status_code == 400
    assert response.json()["file"]
    assert not LocationUpload.objects.exists()


def test_a_covenant_the_company_is_not_a_member_of_is_a_400(company: Any) -> None:
    CovenantFactory(slug="elsewhere")
    for slug in ("elsewhere", "no-such-covenant"):
        response = _upload(_client(company), slug)
        assert response.status_code == 400
        assert response.json()["covenant"] == ["Choose a covenant your company is a member of."]
    assert not LocationUpload.objects.exists()


def test_a_missing_file_is_a_400(company: Any) -> None:
    response = _client(company).post(f"{API}/", {"covenant": company.membership.covenant.slug})
    assert response.status_code == 400 and "file" in response.json()


def test_another_companys_upload_is_404_everywhere(company: Any) -> None:
    upload_id = _upload(_client(company), company.membership.covenant.slug).json()["id"]
    other = user_with_role(Role.COMPANY)
    MembershipFactory(company=other.organisation, covenant=company.membership.covenant, active=True)
    client = _client(other)
    assert client.get(f"{API}/{upload_id}/").status_code == 404
    assert client.get(f"{API}/{upload_id}/rows/").status_code == 404
    assert client.post(f"{API}/{upload_id}/confirm/").status_code == 404
    assert client.post(f"{API}/{upload_id}/cancel/").status_code == 404
    assert LocationUpload.objects.get(pk=upload_id).status == LocationUpload.Status.PREVIEW


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.NGO, Role.GOVERNMENT])
def test_only_companies_upload(make_user: Any, role: Role) -> None:
    covenant = CovenantFactory(slug="garments")
    response = _upload(_client(make_user(role)), covenant.slug)
    assert response.status_code == 404
    assert not LocationUpload.objects.exists()


def test_a_nul_byte_in_the_covenant_is_a_400_not_a_server_error(company: Any) -> None:
    response = _upload(_client(company), "garm\x00ents")
    assert response.status_code == 400 and "covenant" in response.json()
