"""One list of application fields, one rule for rejections, and countries from the maintained list."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from covenants import services
from covenants.api.serializers import MembershipApplicationInputSerializer, MembershipSerializer
from covenants.forms import MembershipApplicationForm, MembershipDecisionForm
from covenants.models import Membership
from portal.accounts.forms import OrganisationDecisionForm
from portal.accounts.models import Organisation
from portal.accounts.services import organisation_decide
from portal.decisions import REJECTION_NEEDS_REASON
from tests.factories import OrganisationFactory

from .factories import declaration
from .helpers import url

pytestmark = pytest.mark.django_db
API = "/api/v1"


# --- one list of fields ----------------------------------------------------------------------------


def test_form_serializers_and_service_take_the_fields_of_the_one_list():
    assert list(MembershipApplicationForm().fields) == ["covenant", *Membership.APPLICATION_FIELDS]
    assert list(MembershipApplicationInputSerializer().fields) == ["covenant", *Membership.APPLICATION_FIELDS]
    assert set(Membership.APPLICATION_FIELDS) <= set(MembershipSerializer().fields)
    assert services.APPLICATION_FIELDS is Membership.APPLICATION_FIELDS


def test_the_service_refuses_a_field_outside_the_list(covenant, company_user):
    with pytest.raises(TypeError, match="status"):
        services.membership_apply(
            actor=company_user, covenant_id=covenant.pk, **declaration(), status="active"
        )


# --- a rejection needs a reason: the same check and message everywhere ----------------------------


def test_membership_rejection_without_reasons_is_refused_by_form_api_and_service(
    client_for, secretariat_user, application
):
    form = MembershipDecisionForm(data={"decision": "reject", "note": "  "})
    assert form.errors["note"] == [str(REJECTION_NEEDS_REASON)]

    response = client_for(secretariat_user).post(
        f"{API}/memberships/{application.pk}/decide/",
        {"decision": "reject", "note": " "},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json() == {"note": [str(REJECTION_NEEDS_REASON)]}

    with pytest.raises(ValidationError) as excinfo:
        services.membership_reject(actor=secretariat_user, membership_id=application.pk, note="")
    assert excinfo.value.message_dict == {"note": [str(REJECTION_NEEDS_REASON)]}
    application.refresh_from_db()
    assert application.status == Membership.Status.APPLIED


def test_organisation_rejection_without_reasons_is_refused_by_form_and_service(secretariat_user):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    form = OrganisationDecisionForm(data={"decision": "reject", "note": ""})
    assert form.errors["note"] == [str(REJECTION_NEEDS_REASON)]
    with pytest.raises(ValidationError) as excinfo:
        organisation_decide(actor=secretariat_user, organisation_id=pending.pk, approve=False, note=" ")
    assert excinfo.value.message_dict == {"note": [str(REJECTION_NEEDS_REASON)]}
    assert OrganisationDecisionForm(data={"decision": "approve", "note": ""}).is_valid()


# --- countries -------------------------------------------------------------------------------------


def test_service_accepts_codes_in_any_case_and_refuses_an_unknown_code(covenant, company_user):
    membership = services.membership_apply(
        actor=company_user, covenant_id=covenant.pk, **declaration(sourcing_countries="in; bd, cn")
    )
    assert [c.code for c in membership.sourcing_countries] == ["BD", "CN", "IN"]
    membership.delete()
    with pytest.raises(ValidationError) as excinfo:
        services.membership_apply(
            actor=company_user, covenant_id=covenant.pk, **declaration(sourcing_countries=["BD", "XX"])
        )
    assert "sourcing_countries" in excinfo.value.message_dict
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Select countries from the list: “XX” is not a known country."),
        # Until the lead translates the new message it falls back to English; it is marked for it.
        ("nl", "“XX”"),
    ],
)
def test_form_refuses_an_unknown_country_at_the_field(client_for, company_user, covenant, language, message):
    response = client_for(company_user).post(
        f"/{language}" + url("apply")[3:],
        {"covenant": covenant.pk, **declaration(sourcing_countries=["BD", "XX"])},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["sourcing_countries"]
    assert len(errors) == 1 and message in errors[0]
    assert message in response.content.decode()
    assert not Membership.objects.exists()


def test_apply_page_lists_countries_by_name_in_the_page_language(client_for, company_user, covenant):
    client = client_for(company_user)
    dutch = client.get("/nl" + url("apply")[3:]).content.decode()
    english = client.get(url("apply")).content.decode()
    assert '<option value="DE">Duitsland</option>' in dutch
    assert '<option value="DE">Germany</option>' in english
    assert '<label for="id_sourcing_countries"' in english
    assert '<select name="sourcing_countries"' in english and "multiple" in english


def test_membership_page_shows_country_names_in_dutch(client_for, company_user, application):
    body = client_for(company_user).get("/nl" + url("membership-detail", application.pk)[3:]).content.decode()
    assert "Bangladesh, China, India" in body
    application.sourcing_countries = ["DE"]
    application.save(update_fields=["sourcing_countries"])
    body = client_for(company_user).get("/nl" + url("membership-detail", application.pk)[3:]).content.decode()
    assert "Duitsland" in body and "Germany" not in body


def test_api_returns_codes_and_refuses_an_unknown_code_with_a_clear_error(client_for, company_user, covenant):
    client = client_for(company_user)
    refused = client.post(
        f"{API}/memberships/apply/",
        {"covenant": covenant.slug, **declaration(sourcing_countries=["BD", "XX"])},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 400
    assert refused.json() == {"sourcing_countries": {"1": ["“XX” is not a known ISO country code."]}}
    refused_nl = client.post(
        f"{API}/memberships/apply/",
        {"covenant": covenant.slug, **declaration(sourcing_countries="BD, CN")},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert refused_nl.status_code == 400 and "sourcing_countries" in refused_nl.json()
    created = client.post(
        f"{API}/memberships/apply/",
        {"covenant": covenant.slug, **declaration(sourcing_countries=["IN", "BD"])},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["sourcing_countries"] == ["BD", "IN"]
    detail = client.get(f"{API}/memberships/{created.json()['id']}/").json()
    assert detail["sourcing_countries"] == ["BD", "IN"]


def test_migration_converts_free_text_to_known_codes(application):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE covenants_membership SET sourcing_countries = %s WHERE id = %s",
            ["in, bd; XX  cn", application.pk],
        )
    migration = importlib.import_module("covenants.migrations.0004_sourcing_countries_from_country_list")
    migration.to_country_list(apps, None)
    application.refresh_from_db()
    assert [c.code for c in application.sourcing_countries] == ["BD", "CN", "IN"]
