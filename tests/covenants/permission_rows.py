"""The covenants app's rows of the permission matrix (see tests/permission_matrix.py).

The objects in the paths belong to another company (its membership and application), or to a
covenant in negotiation that none of the role users is party to (its parties, steering seat and
meeting). Answers a secretariat gets to an empty POST: the form's errors (200 or a redirect back)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from covenants import services
from covenants.models import Covenant, Membership, PartyRole
from portal.accounts.roles import Role
from tests.factories import OrganisationFactory, user_with_role
from tests.permission_matrix import (
    LOGIN,
    PUBLIC,
    SECRETARIAT_ONLY,
    WAITING,
    Row,
    World,
    expect,
    secretariat_only,
)

from .factories import AnnualCycleFactory, CovenantFactory, MembershipFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def build(world: World) -> None:
    secretariat = world.users["secretariat"]
    world.published = CovenantFactory(slug="matrix-published", secretariat=secretariat.organisation)
    world.talks = CovenantFactory(
        slug="matrix-talks", status=Covenant.Status.NEGOTIATION, secretariat=secretariat.organisation
    )
    other_company = OrganisationFactory(kind=Role.COMPANY, name="Another Company B.V.")
    world.membership = MembershipFactory(covenant=world.published, company=other_company, active=True)
    world.application = MembershipFactory(
        covenant=world.talks, company=OrganisationFactory(kind=Role.COMPANY), status=Membership.Status.APPLIED
    )
    world.cycle = AnnualCycleFactory(covenant=world.published, year=2026)
    ngo = OrganisationFactory(kind=Role.NGO, kvk_number="")
    world.party = services.party_add(
        actor=secretariat,
        covenant_id=world.talks.pk,
        organisation=ngo,
        role=PartyRole.NGO,
        joined_on=date(2024, 1, 1),
    )
    seat_holder = user_with_role(Role.TRADE_UNION)
    world.seat = services.steering_member_add(
        actor=secretariat,
        covenant_id=world.talks.pk,
        person_name="Seat holder",
        represents="trade_unions",
        since=date(2024, 1, 1),
        user=seat_holder,
    )
    world.meeting = services.meeting_create(
        actor=secretariat,
        covenant_id=world.talks.pk,
        held_on=date(2024, 3, 1),
        agenda="Agenda",
        minutes=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    )


def _published(w: World) -> dict:
    return {"slug": w.published.slug}


def _talks(w: World) -> dict:
    return {"slug": w.talks.slug}


PARTY_MEMBERSHIP = "another company's membership"
IN_TALKS = "in negotiation, not a party"
#: The pages of memberships: a company (its own) and the secretariat (all).
MEMBERSHIP_PAGES = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200, company=200)
#: The API: anonymous callers and users of waiting organisations get 403; a wrong role 404.
API_PUBLIC = expect(200, pending=403)

ROWS = [
    # --- public pages ------------------------------------------------------------------------------
    Row("covenants:list", PUBLIC),
    Row("covenants:detail", PUBLIC, kwargs=_published, case="published"),
    Row("covenants:detail", expect(404, pending=WAITING, secretariat=200), kwargs=_talks, case=IN_TALKS),
    Row(
        "covenants:meeting-minutes",
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200),
        kwargs=lambda w: {"slug": w.talks.slug, "pk": w.meeting.pk},
        case=IN_TALKS,
    ),
    # --- the secretariat's covenant management -------------------------------------------------------
    Row("covenants:manage", SECRETARIAT_ONLY),
    Row("covenants:create", SECRETARIAT_ONLY),
    Row("covenants:edit", SECRETARIAT_ONLY, kwargs=_talks, case=IN_TALKS),
    Row("covenants:status", secretariat_only(200), method="POST", kwargs=_talks, case=IN_TALKS),
    Row("covenants:theme-create", secretariat_only(200), method="POST", kwargs=_talks, case=IN_TALKS),
    Row("covenants:parties", SECRETARIAT_ONLY, kwargs=_talks, case=IN_TALKS),
    Row(
        "covenants:party-end",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"slug": w.talks.slug, "pk": w.party.pk},
        case=IN_TALKS,
    ),
    Row("covenants:governance", SECRETARIAT_ONLY, kwargs=_talks, case=IN_TALKS),
    Row(
        "covenants:steering-member-end",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"slug": w.talks.slug, "pk": w.seat.pk},
        case=IN_TALKS,
    ),
    Row("covenants:meeting-create", SECRETARIAT_ONLY, kwargs=_talks, case=IN_TALKS),
    Row(
        "covenants:meeting-edit",
        SECRETARIAT_ONLY,
        kwargs=lambda w: {"slug": w.talks.slug, "pk": w.meeting.pk},
        case=IN_TALKS,
    ),
    # --- memberships ---------------------------------------------------------------------------------
    Row("covenants:memberships", MEMBERSHIP_PAGES),
    Row("covenants:apply", expect(404, anonymous=LOGIN, pending=WAITING, company=200)),
    Row("covenants:applications", SECRETARIAT_ONLY),
    Row(
        "covenants:membership-detail",
        SECRETARIAT_ONLY,
        kwargs=lambda w: {"pk": w.membership.pk},
        case=PARTY_MEMBERSHIP,
    ),
    Row(
        "covenants:membership-decide",
        secretariat_only(200),
        method="POST",
        kwargs=lambda w: {"pk": w.application.pk},
        case="another company's application",
    ),
    *[
        Row(
            f"covenants:membership-{action}",
            secretariat_only(200),
            method="POST",
            kwargs=lambda w: {"pk": w.membership.pk},
            case=PARTY_MEMBERSHIP,
        )
        for action in ("suspend", "reinstate", "end")
    ],
    # --- annual cycles -------------------------------------------------------------------------------
    Row("covenants:cycles", SECRETARIAT_ONLY),
    Row("covenants:cycle-create", SECRETARIAT_ONLY),
    Row("covenants:cycle-detail", SECRETARIAT_ONLY, kwargs=lambda w: {"pk": w.cycle.pk}),
    Row("covenants:cycle-open", secretariat_only(302), method="POST", kwargs=lambda w: {"pk": w.cycle.pk}),
    Row("covenants:cycle-close", secretariat_only(200), method="POST", kwargs=lambda w: {"pk": w.cycle.pk}),
    # --- API -----------------------------------------------------------------------------------------
    Row("api:covenants-list", API_PUBLIC),
    Row("api:covenants-detail", API_PUBLIC, kwargs=_published, case="published"),
    Row("api:covenants-detail", expect(404, pending=403, secretariat=200), kwargs=_talks, case=IN_TALKS),
    Row("api:covenants-members", API_PUBLIC, kwargs=_published, case="published"),
    Row("api:covenants-members", expect(404, pending=403, secretariat=200), kwargs=_talks, case=IN_TALKS),
    Row("api:memberships-list", expect(404, anonymous=403, pending=403, secretariat=200, company=200)),
    Row(
        "api:memberships-detail",
        expect(404, anonymous=403, pending=403, secretariat=200),
        kwargs=lambda w: {"pk": w.membership.pk},
        case=PARTY_MEMBERSHIP,
    ),
    Row("api:memberships-apply", expect(404, anonymous=403, pending=403, company=400), method="POST"),
    Row(
        "api:memberships-decide",
        expect(404, anonymous=403, pending=403, secretariat=400),
        method="POST",
        kwargs=lambda w: {"pk": w.application.pk},
        case="another company's application",
    ),
]
