"""The complaint services: filing (stored first, once per form token), moves with their records and
clocks, pauses, overdue alerts sent once, the learning loop, visibility, retention and erasure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from complaints import receipt, selectors, services
from complaints.models import (
    ComplainantIdentity,
    Complaint,
    ComplaintEvent,
    IdentityAccess,
    Party,
    StageRecord,
)
from complaints.permissions import ReceiptHolder, party_of
from complaints.status import CaseStatus
from covenants.workflow import TransitionNotAllowed
from duediligence.models import Action, Risk
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.factories import user_with_role

from .helpers import Cast, file_complaint

pytestmark = pytest.mark.django_db
S = CaseStatus


def test_an_anonymous_filing_is_stored_with_a_reference_and_a_code_kept_only_as_a_digest():
    cast = Cast(anonymous=True)
    complaint, code = cast.complaint, cast.filed.receipt_code
    assert complaint.reference.startswith(
        complaint.reference.split("-")[0] + f"-{timezone.localdate().year}-"
    )
    assert code and receipt.is_valid(code)
    assert complaint.receipt_digest == receipt.digest(code) and code not in complaint.receipt_digest
    assert not ComplainantIdentity.objects.filter(complaint=complaint).exists()
    assert ComplaintEvent.objects.get(complaint=complaint).to_status == S.RECEIVED
    assert StageRecord.objects.get(complaint=complaint).stage == "intake"
    assert selectors.complaint_by_code(code) == complaint


def test_a_retried_post_files_one_complaint_and_shows_the_same_code():
    cast = Cast()
    token = "retry-token-123"
    first = file_complaint(cast.covenant, company=cast.company, token=token) if False else None
    first = services.complaint_file(
        actor=AnonymousUser(), token=token, covenant=cast.covenant, company=cast.company, filer="worker",
        what_happened="Fire exits locked.", language="bn",
    )  # fmt: skip
    again = services.complaint_file(
        actor=AnonymousUser(), token=token, covenant=cast.covenant, company=cast.company, filer="worker",
        what_happened="Fire exits locked.", language="bn",
    )  # fmt: skip
    assert first.created and not again.created
    assert again.complaint.pk == first.complaint.pk and again.receipt_code == first.receipt_code
    assert Complaint.objects.filter(covenant=cast.covenant).count() == 2  # the cast's own and this one


def test_contact_details_are_kept_apart_and_the_acknowledgement_is_queued_in_the_filing_language():
    cast = Cast(name="Rahima", email="rahima@example.test", language="nl")
    identity = ComplainantIdentity.objects.get(complaint=cast.complaint)
    assert identity.email == "rahima@example.test"
    mail = Notification.objects.get(to_email="rahima@example.test")
    assert cast.complaint.reference in mail.subject and "ontvangen" in mail.subject
    assert Notification.objects.filter(kind="complaint.received", recipient=cast.secretariat).exists()


def test_a_company_that_is_not_a_member_cannot_be_complained_about():
    cast = Cast()
    other = user_with_role(Role.COMPANY).organisation
    with pytest.raises(ValidationError) as exc:
        file_complaint(cast.covenant, company=other)
    assert "company" in exc.value.message_dict


def test_moves_follow_the_table_and_its_one_writer():
    cast = Cast()
    with pytest.raises(TransitionNotAllowed):
        services.complaint_move(
            actor=cast.secretariat, complaint_id=cast.complaint.pk, to_status=S.ADMISSIBLE
        )
    with pytest.raises(PermissionDenied):
        services.complaint_move(
            actor=cast.committee, complaint_id=cast.complaint.pk, to_status=S.ACKNOWLEDGED
        )
    cast.move_to(S.ADMISSIBILITY)
    with pytest.raises(ValidationError) as exc:
        services.complaint_move(
            actor=cast.committee, complaint_id=cast.complaint.pk, to_status=S.INADMISSIBLE
        )
    assert "reason" in exc.value.message_dict
    moved = services.complaint_move(
        actor=cast.committee,
        complaint_id=cast.complaint.pk,
        to_status=S.INADMISSIBLE,
        reason="Outside scope.",
    )
    assert moved.closed_at is not None
    event = ComplaintEvent.objects.filter(complaint=moved).last()
    assert (event.actor, event.from_status, event.to_status, event.reason) == (
        cast.committee, S.ADMISSIBILITY, S.INADMISSIBLE, "Outside scope."
    )  # fmt: skip
    assert not StageRecord.objects.filter(complaint=moved, ended_at__isnull=True).exists()


def test_the_respondent_sees_the_case_only_from_admissibility_on_and_never_an_undisclosed_identity():
    cast = Cast(name="Rahima", email="rahima@example.test")
    assert party_of(cast.company_user, cast.complaint) is None
    cast.move_to(S.ADMISSIBILITY)
    assert party_of(cast.company_user, Complaint.objects.get(pk=cast.complaint.pk)) is None
    complaint = cast.move_to(S.ADMISSIBLE)
    assert party_of(cast.company_user, complaint) == Party.RESPONDENT
    assert services.identity_read(actor=cast.company_user, complaint=complaint, purpose="reply") is None
    assert (
        services.identity_read(actor=cast.secretariat, complaint=complaint, purpose="call back").name
        == "Rahima"
    )
    read = IdentityAccess.objects.get(complaint=complaint)
    assert (read.reader, read.purpose) == (cast.secretariat, "call back")


def test_others_see_nothing_and_the_receipt_holder_only_its_own_case():
    cast = Cast(anonymous=True)
    for role in (Role.GOVERNMENT, Role.NGO, Role.TRADE_UNION, Role.COMPANY, Role.COMMITTEE):
        user = user_with_role(role)
        assert party_of(user, cast.complaint) is None
        assert not selectors.complaint_list_for(user).exists()
    assert party_of(ReceiptHolder(complaint_id=cast.complaint.pk), cast.complaint) == Party.COMPLAINANT
    assert party_of(ReceiptHolder(complaint_id=cast.complaint.pk + 1), cast.complaint) is None


def test_an_admissible_complaint_and_the_rulings_recommendations_land_in_the_companys_register():
    cast = Cast()
    cast.move_to(S.RULING)
    risk = Risk.objects.get(company=cast.company, complaint_reference=cast.complaint.reference)
    assert risk.actual and risk.theme in cast.complaint.themes.all()
    services.ruling_record(
        actor=cast.committee,
        complaint_id=cast.complaint.pk,
        outcome="founded",
        text_nl="Gegrond.",
        text_en="Founded.",
        recommendations=[(cast.company.pk, "Pay the overtime owed", date(2027, 6, 1))],
    )
    action = Action.objects.get(company=cast.company, complaint_reference=cast.complaint.reference)
    assert (action.risk, action.title, action.due_on) == (risk, "Pay the overtime owed", date(2027, 6, 1))
    services.complaint_move(actor=cast.committee, complaint_id=cast.complaint.pk, to_status=S.FOLLOW_UP)
    report = services.follow_up_report_add(
        actor=cast.company_user, complaint_id=cast.complaint.pk, body="Paid."
    )
    assert report.company == cast.company


def test_a_pause_stops_the_clock_and_overdue_stages_alert_once():
    cast = Cast()
    record = StageRecord.objects.get(complaint=cast.complaint, ended_at__isnull=True)
    start = record.due_at - timedelta(days=7)
    services.complaint_pause(actor=cast.secretariat, complaint_id=cast.complaint.pk, reason="Waiting for a translation",
                             now=start + timedelta(days=1))  # fmt: skip
    assert services.overdue_sweep(now=start + timedelta(days=30)) == 0  # paused: not overdue
    services.complaint_resume(
        actor=cast.secretariat, complaint_id=cast.complaint.pk, now=start + timedelta(days=11)
    )
    record.refresh_from_db()
    assert record.due_at == start + timedelta(days=17) and record.paused_seconds == 10 * 86400
    assert services.overdue_sweep(now=start + timedelta(days=16)) == 0
    assert services.overdue_sweep(now=start + timedelta(days=18)) == 1
    assert services.overdue_sweep(now=start + timedelta(days=19)) == 0
    alerts = Notification.objects.filter(kind="complaint.overdue")
    assert {n.recipient for n in alerts} == {cast.secretariat, cast.committee}


def test_a_declining_member_loses_access_with_the_reason_kept():
    cast = Cast()
    services.committee_decline(
        actor=cast.committee, complaint_id=cast.complaint.pk, reason="I advised this company."
    )
    assert party_of(cast.committee, cast.complaint) is None
    assert cast.complaint.assignments.get().decline_reason == "I advised this company."


def test_a_location_complaint_is_routed_without_telling_the_complainant(django_assert_max_num_queries):
    from tests.companies.factories import SupplyLinkFactory

    cast = Cast()
    link = SupplyLinkFactory(company=cast.company, covenant=cast.covenant)
    filed = file_complaint(cast.covenant, location=link.location, anonymous=True)
    services.respondents_route(
        actor=cast.secretariat, complaint_id=filed.complaint.pk, company_ids=[cast.company.pk]
    )
    holder = ReceiptHolder(complaint_id=filed.complaint.pk)
    complaint, party = selectors.complaint_get_for(holder, filed.complaint.reference)
    assert selectors.case_file_for(complaint, party).respondents == []
    staff_view = selectors.case_file_for(complaint, Party.SECRETARIAT)
    assert [r.company for r in staff_view.respondents] == [cast.company]


def test_retention_erases_contact_details_then_anonymises():
    cast = Cast(name="Rahima", email="rahima@example.test")
    cast.move_to(S.ADMISSIBILITY)
    services.complaint_move(
        actor=cast.committee, complaint_id=cast.complaint.pk, to_status=S.INADMISSIBLE, reason="No link."
    )
    closed = Complaint.objects.get(pk=cast.complaint.pk).closed_at
    assert services.retention_run(now=closed + timedelta(days=300)) == {"erased": 0, "anonymised": 0}
    assert services.retention_run(now=closed + timedelta(days=400)) == {"erased": 1, "anonymised": 0}
    assert ComplainantIdentity.objects.get(complaint=cast.complaint).email == ""
    assert services.retention_run(now=closed + timedelta(days=365 * 5 + 10))["anonymised"] == 1
    complaint = Complaint.objects.get(pk=cast.complaint.pk)
    assert complaint.anonymised_at and "overtime" not in complaint.what_happened


def test_erasure_on_request_is_the_secretariats_and_needs_the_request():
    cast = Cast(name="Rahima", phone="+880 1711 000000")
    with pytest.raises(PermissionDenied):
        services.identity_erase(actor=cast.committee, complaint_id=cast.complaint.pk, reason="asked")
    data = services.identity_export(actor=cast.secretariat, complaint=cast.complaint)
    assert data["identity"]["phone"] == "+880 1711 000000"
    services.identity_erase(actor=cast.secretariat, complaint_id=cast.complaint.pk, reason="E-mail of 2 Dec")
    assert ComplainantIdentity.objects.get(complaint=cast.complaint).erased_at is not None


def test_the_register_and_the_plan_show_what_came_from_a_complaint(client):
    cast = Cast()
    cast.move_to(S.RULING)
    services.ruling_record(actor=cast.committee, complaint_id=cast.complaint.pk, outcome="founded", text_nl="Gegrond.",
                           text_en="Founded.", recommendations=[(cast.company.pk, "Pay the overtime", date(2027, 6, 1))])  # fmt: skip
    client.force_login(cast.company_user)
    risks = client.get("/en/due-diligence/risks/").content.decode()
    actions = client.get("/en/due-diligence/actions/").content.decode()
    assert f"from complaint {cast.complaint.reference}" in risks
    assert f"recommendation of complaint {cast.complaint.reference}" in actions
