"""The companies app's rows of the permission matrix (see tests/permission_matrix.py).

The match in the paths is a potential match between two locations that another company disclosed.
An empty POST to decide it changes nothing: the secretariat is sent back to the queue."""

from __future__ import annotations

from django.core.files.base import ContentFile

from companies.models import LocationMatch, LocationUpload
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import OrganisationFactory, UserFactory
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

from .factories import LocationFactory, SupplyLinkFactory


def build(world: World) -> None:
    existing = LocationFactory(name="Matrix Knit Composite")
    candidate = LocationFactory(name="Matrix Knit Composite Unit 2")
    world.location_match = LocationMatch.objects.create(
        candidate=candidate,
        existing=existing,
        submitted_name=candidate.name,
        score=85,
        rule="country+city: name 85, address 85",
    )
    # Another company's upload, waiting in its preview.
    other = UserFactory(organisation=OrganisationFactory(kind=Role.COMPANY))
    upload = LocationUpload(
        company=other.organisation,
        covenant=CovenantFactory(slug="matrix-uploads"),
        uploaded_by=other,
        original_name="list.csv",
        sha256="0" * 64,
        status=LocationUpload.Status.PREVIEW,
    )
    upload.file.save("list.csv", ContentFile(b"name,address,country\n"), save=False)
    upload.results.save("rows.jsonl", ContentFile(b""), save=False)
    upload.save()
    world.location_upload = upload

    _build_signals(world)
    _build_api(world)


COMPANY_PAGE = expect(404, anonymous=LOGIN, pending=WAITING, company=200)
#: Another company's upload: 404 for every role, the company included.
OTHERS_UPLOAD = expect(404, anonymous=LOGIN, pending=WAITING)


ROWS = [
    Row("companies:locations", PUBLIC),
    Row("companies:matches", SECRETARIAT_ONLY),
    Row(
        "companies:match-decide",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"pk": w.location_match.pk},
        case="a pending match",
    ),
    Row("companies:uploads", COMPANY_PAGE),
    Row("companies:upload-create", COMPANY_PAGE),
    Row(
        "companies:upload-template",
        COMPANY_PAGE,
        kwargs=lambda w: {"language": "nl", "kind": "xlsx"},
        case="Dutch XLSX",
    ),
    Row("companies:upload-detail", OTHERS_UPLOAD, kwargs=lambda w: {"pk": w.location_upload.pk}),
    Row(
        "companies:upload-decide",
        OTHERS_UPLOAD,
        method="POST",
        kwargs=lambda w: {"pk": w.location_upload.pk},
        data={"decision": "confirm"},
        case="another company's upload",
    ),
    Row("companies:upload-result", OTHERS_UPLOAD, kwargs=lambda w: {"pk": w.location_upload.pk}),
]


# --- signals and relay -----------------------------------------------------------------------------
# A signal that another NGO reported (with evidence) and the secretariat relayed to another company:
# none of the role users may see its evidence or answer it, except the secretariat (evidence only).


def _build_signals(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from companies import relay
    from portal.accounts.roles import Role
    from tests.factories import user_with_role

    from .signal_helpers import PDF, linked_location, reported

    location, _companies = linked_location()
    signal = reported(user_with_role(Role.NGO), location, evidence=SimpleUploadedFile("e.pdf", PDF))
    relay.signal_relay(actor=world.users["secretariat"], signal_id=signal.pk)
    world.signal = signal
    world.signal_relay = signal.relays.get()


REPORTERS = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200, ngo=200, trade_union=200)
NOBODY = expect(404, anonymous=LOGIN, pending=WAITING)

ROWS += [
    Row("companies:signal-report", REPORTERS),
    Row("companies:my-signals", expect(404, anonymous=LOGIN, pending=WAITING, ngo=200, trade_union=200)),
    Row("companies:signal-inbox", SECRETARIAT_ONLY),
    Row(
        "companies:signal-relay",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"pk": w.signal.pk},
        data={"cancel": "1"},
        case="a relayed signal, cancelled",
    ),
    Row(
        "companies:signal-close",
        secretariat_only(302),
        method="POST",
        kwargs=lambda w: {"pk": w.signal.pk},
        data={"cancel": "1"},
        case="a relayed signal, cancelled",
    ),
    Row(
        "companies:signal-evidence",
        SECRETARIAT_ONLY,
        kwargs=lambda w: {"pk": w.signal.pk},
        case="another NGO's signal relayed to another company",
    ),
    Row("companies:company-signals", expect(404, anonymous=LOGIN, pending=WAITING, company=200)),
    Row(
        "companies:signal-respond",
        NOBODY,
        kwargs=lambda w: {"pk": w.signal_relay.pk},
        case="a relay to another company",
    ),
]

# --- exports and the supply chain ---
ROWS += [
    Row("companies:locations-export", PUBLIC, kwargs=lambda w: {"fmt": "csv"}, case="CSV"),
    Row("companies:locations-export", PUBLIC, kwargs=lambda w: {"fmt": "xlsx"}, case="XLSX"),
    Row("companies:locations-export", PUBLIC, kwargs=lambda w: {"fmt": "osh"}, case="Open Supply Hub"),
    Row("companies:my-locations-export", COMPANY_PAGE, kwargs=lambda w: {"fmt": "csv"}, case="CSV"),
    Row("companies:my-locations-export", COMPANY_PAGE, kwargs=lambda w: {"fmt": "xlsx"}, case="XLSX"),
    Row(
        "companies:my-locations-export", COMPANY_PAGE, kwargs=lambda w: {"fmt": "osh"}, case="Open Supply Hub"
    ),
    Row("companies:supply-chain", COMPANY_PAGE),
]

# --- API (issue 7 point 8) ---------------------------------------------------------------------------
#: Public API reads: everyone, a user of a waiting organisation gets 403.
API_PUBLIC = expect(200, pending=403)
#: The secretariat's API: 403 for anonymous and waiting callers, 404 for every other role.
API_COMPANY = expect(404, anonymous=403, pending=403, company=200)
API_SECRETARIAT = expect(404, anonymous=403, pending=403, secretariat=200)


def _build_api(world: World) -> None:
    from companies import relay
    from tests.factories import user_with_role

    from .signal_helpers import linked_location, reported

    # A closed signal: relaying or closing it again is refused (400) and changes nothing.
    location, _companies = linked_location()
    world.closed_signal = reported(user_with_role(Role.NGO), location)
    relay.signal_close(actor=world.users["secretariat"], signal_id=world.closed_signal.pk)
    world.public_location = LocationFactory(name="Matrix Public Mill")
    world.others_link = SupplyLinkFactory(
        location=world.public_location, covenant=CovenantFactory(slug="matrix-api")
    )


ROWS += [
    Row("api:locations-list", API_PUBLIC),
    Row(
        "api:locations-detail",
        API_PUBLIC,
        kwargs=lambda w: {"public_id": w.public_location.public_id},
        case="a listed location",
    ),
    Row(
        "api:locations-detail",
        expect(404, pending=403),
        kwargs=lambda w: {"public_id": w.location_match.existing.public_id},
        case="a location nobody discloses",
    ),
    Row("api:location-matches-list", API_SECRETARIAT),
    Row(
        "api:location-matches-decide",
        expect(404, anonymous=403, pending=403, secretariat=400),
        method="POST",
        kwargs=lambda w: {"pk": w.location_match.pk},
        case="a pending match, no decision",
    ),
    Row("api:supply-links-list", API_COMPANY),
    Row(
        "api:supply-links-create",
        expect(404, anonymous=403, pending=403, company=400),
        method="POST",
        case="no data",
    ),
    Row(
        "api:supply-links-detail",
        expect(404, anonymous=403, pending=403),
        kwargs=lambda w: {"pk": w.others_link.pk},
        case="another company's link",
    ),
    Row(
        "api:location-uploads-create",
        expect(404, anonymous=403, pending=403, company=400),
        method="POST",
        case="no file",
    ),
    *[
        Row(
            f"api:location-uploads-{name}",
            expect(404, anonymous=403, pending=403),
            method=method,
            kwargs=lambda w: {"pk": w.location_upload.pk},
            case="another company's upload",
        )
        for name, method in [("detail", "GET"), ("rows", "GET"), ("confirm", "POST"), ("cancel", "POST")]
    ],
    Row(
        "api:location-signals-report",
        expect(404, anonymous=403, pending=403, secretariat=400, ngo=400, trade_union=400),
        method="POST",
        case="no data",
    ),
    Row("api:location-signals-mine", expect(404, anonymous=403, pending=403, ngo=200, trade_union=200)),
    *[
        Row(
            f"api:location-signals-{name}",
            expect(404, anonymous=403, pending=403, secretariat=400),
            method="POST",
            kwargs=lambda w: {"pk": w.closed_signal.pk},
            case="a closed signal",
        )
        for name in ("relay", "close")
    ],
    Row("api:signal-relays-list", API_COMPANY),
    Row(
        "api:signal-relays-respond",
        expect(404, anonymous=403, pending=403),
        method="POST",
        kwargs=lambda w: {"pk": w.signal_relay.pk},
        case="a relay to another company",
    ),
]
