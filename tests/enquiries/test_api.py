"""POST /api/v1/enquiries/: public, the form's validation, the rate limit, and the complaint topic
refused with a pointer to the complaint endpoint. In the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from portal.enquiries.models import Enquiry
from portal.notifications.models import Notification

from .helpers import FORM

pytestmark = pytest.mark.django_db

URL = "/api/v1/enquiries/"


def test_anyone_sends_an_enquiry_through_the_api():
    response = APIClient().post(URL, {**FORM, "language": "en"}, format="json")
    assert response.status_code == 201 and response.json()["received"] is True
    enquiry = Enquiry.objects.get()
    assert enquiry.language == "en" and enquiry.email == FORM["email"]
    assert Notification.objects.filter(to_email=FORM["email"], kind="enquiry").exists()


def test_the_complaint_topic_is_refused_with_the_complaint_endpoint():
    response = APIClient().post(URL, {"topic": "complaint"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["complaint_endpoint"] == reverse("api:complaints-file") and body["topic"]
    assert not Enquiry.objects.exists()


def test_bad_input_is_a_400_per_field():
    response = APIClient().post(URL, {**FORM, "email": "nope", "topic": "weather"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"email", "topic"}
    assert not Enquiry.objects.exists()


def test_the_api_shares_the_per_address_limit(settings):
    settings.PORTAL_ENQUIRY_LIMIT = (1, 3600)
    client = APIClient()
    assert client.post(URL, FORM, format="json").status_code == 201
    assert client.post(URL, FORM, format="json").status_code == 429
    assert Enquiry.objects.count() == 1


def test_the_endpoint_is_in_the_schema():
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "enquiries_create"
    assert {"201", "400", "429"} <= set(operation["responses"])
