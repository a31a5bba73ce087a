"""Covenant, theme, party and governance services: checked, recorded and audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from covenants import services
from covenants.models import Covenant, PartyRole, RiskTheme, Sector
from covenants.workflow import TransitionNotAllowed
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory, UserFactory

from .factories import CovenantFactory, standard_theme

pytestmark = pytest.mark.django_db


def field_errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- covenants, themes, parties, governance --------------------------------------------------------


def _covenant_fields(secretariat, **overrides):
    fields = {
        "slug": "metals",
        "name_nl": "Metaalconvenant",
        "name_en": "Metals agreement",
        "description_nl": "",
        "description_en": "",
        "sector": Sector.METALS,
        "signed_on": date(2019, 7, 1),
        "starts_on": date(2019, 7, 1),
        "ends_on": date(2024, 6, 30),
        "secretariat": secretariat,
    }
    fields.update(overrides)
    return fields


def test_secretariat_creates_a_covenant_in_negotiation_with_themes(secretariat_user):
    theme = standard_theme("health-safety")
    covenant = services.covenant_create(
        actor=secretariat_user, themes=[theme], **_covenant_fields(secretariat_user.organisation)
    )
    assert covenant.status == Covenant.Status.NEGOTIATION
    assert list(covenant.themes.all()) == [theme]
    assert covenant.complaint_time_frames["intake"] == 7


def test_covenant_end_before_start_is_refused_at_the_field(secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.covenant_create(
            actor=secretariat_user,
            **_covenant_fields(secretariat_user.organisation, ends_on=date(2019, 1, 1)),
        )
    assert "ends_on" in field_errors(excinfo)
    assert not Covenant.objects.filter(slug="metals").exists()


def test_covenant_needs_a_secretariat_organisation(secretariat_user):
    ngo = OrganisationFactory(kind=Role.NGO)
    with pytest.raises(ValidationError) as excinfo:
        services.covenant_create(actor=secretariat_user, **_covenant_fields(ngo))
    assert "secretariat" in field_errors(excinfo)


def test_reserved_slug_is_refused(secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        services.covenant_create(
            actor=secretariat_user, **_covenant_fields(secretariat_user.organisation, slug="manage")
        )
    assert "slug" in field_errors(excinfo)


def test_complaint_time_frames_are_validated(covenant, secretariat_user):
    frames = dict(covenant.complaint_time_frames, mediation=0)
    with pytest.raises(ValidationError) as excinfo:
        services.covenant_update(
            actor=secretariat_user, covenant_id=covenant.pk, complaint_time_frames=frames
        )
    assert "complaint_time_frames" in field_errors(excinfo)


def test_covenant_moves_from_negotiation_to_active_to_ended(secretariat_user):
    covenant = CovenantFactory(status=Covenant.Status.NEGOTIATION)
    services.covenant_transition(actor=secretariat_user, covenant_id=covenant.pk, to=Covenant.Status.ACTIVE)
    services.covenant_transition(actor=secretariat_user, covenant_id=covenant.pk, to=Covenant.Status.ENDED)
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.ENDED
    with pytest.raises(TransitionNotAllowed):
        services.covenant_transition(
            actor=secretariat_user, covenant_id=covenant.pk, to=Covenant.Status.ACTIVE
        )


def test_covenant_adds_its_own_theme_which_others_cannot_select(covenant, secretariat_user):
    theme = services.risk_theme_add(
        actor=secretariat_user, covenant_id=covenant.pk, name_nl="Conflictgebieden", name_en="Conflict areas"
    )
    assert not theme.is_standard and theme.covenant == covenant
    assert theme in covenant.themes.all()
    with pytest.raises(ValidationError):
        services.risk_theme_add(
            actor=secretariat_user, covenant_id=covenant.pk, name_nl="X", name_en="Conflict areas"
        )
    other = CovenantFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.covenant_update(actor=secretariat_user, covenant_id=other.pk, themes=[theme])
    assert "themes" in field_errors(excinfo)


def test_standard_themes_sync_is_idempotent():
    services.risk_theme_sync_standard()
    services.risk_theme_sync_standard()
    assert RiskTheme.objects.filter(is_standard=True).count() == 10


def test_party_role_must_match_the_organisation(covenant, secretariat_user, ngo_user):
    with pytest.raises(ValidationError) as excinfo:
        services.party_add(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            organisation=ngo_user.organisation,
            role=PartyRole.TRADE_UNION,
            joined_on=date(2020, 1, 1),
        )
    assert "organisation" in field_errors(excinfo)
    party = services.party_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        organisation=ngo_user.organisation,
        role=PartyRole.NGO,
        joined_on=date(2020, 1, 1),
    )
    with pytest.raises(ValidationError):  # already a party
        services.party_add(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            organisation=ngo_user.organisation,
            role=PartyRole.NGO,
            joined_on=date(2021, 1, 1),
        )
    with pytest.raises(ValidationError) as excinfo:
        services.party_end(actor=secretariat_user, party_id=party.pk, left_on=date(2019, 1, 1))
    assert "left_on" in field_errors(excinfo)
    services.party_end(actor=secretariat_user, party_id=party.pk, left_on=date(2024, 1, 1))


def test_companies_are_not_added_as_parties_by_hand(covenant, secretariat_user, company_user):
    with pytest.raises(ValidationError) as excinfo:
        services.party_add(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            organisation=company_user.organisation,
            role=PartyRole.MEMBER_COMPANY,
            joined_on=date(2020, 1, 1),
        )
    assert "role" in field_errors(excinfo)


def test_steering_group_seat_with_an_account_grants_and_ending_revokes_governance(covenant, secretariat_user):
    chair = UserFactory(organisation=None)
    member = services.steering_member_add(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        person_name="Dr. A. Kuipers",
        represents="independent",
        since=date(2024, 1, 1),
        is_chair=True,
        user=chair,
    )
    assert chair.has_perm("covenants.view_governance", covenant)
    with pytest.raises(ValidationError) as excinfo:
        services.steering_member_add(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            person_name="Second chair",
            represents="independent",
            since=date(2024, 1, 1),
            is_chair=True,
        )
    assert "is_chair" in field_errors(excinfo)
    # A seat that ended yesterday takes the grant with it at once (a future end: test_governance_current).
    yesterday = timezone.localdate() - timedelta(days=1)
    services.steering_member_end(actor=secretariat_user, member_id=member.pk, until=yesterday)
    chair = type(chair).objects.get(pk=chair.pk)  # fresh permission cache
    assert not chair.has_perm("covenants.view_governance", covenant)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_meeting_minutes_are_checked_by_content_and_stored_under_a_generated_name(covenant, secretariat_user):
    meeting = services.meeting_create(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        held_on=date(2025, 3, 14),
        agenda="Annual plans",
        minutes=SimpleUploadedFile("Minutes March.pdf", PDF, content_type="application/pdf"),
    )
    assert meeting.minutes_name == "Minutes March.pdf"
    assert "Minutes" not in meeting.minutes.name and meeting.minutes.name.endswith(".pdf")

    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00\x03binary", content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_create(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            held_on=date(2025, 6, 1),
            agenda="x",
            minutes=fake,
        )
    assert "minutes" in field_errors(excinfo)
