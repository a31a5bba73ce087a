"""The complaints app's rows of the permission matrix (see tests/permission_matrix.py).

The world's case belongs to a company none of the role users works for, is assigned to a committee
member none of them is, and was filed without an account: only the secretariat opens it. A second,
closed case is published. Nobody else learns that a running case exists (404, not 403)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import services
from complaints.status import CaseStatus
from tests.permission_matrix import LOGIN, PUBLIC, WAITING, Row, World, expect

from .helpers import Cast


def build(world: World) -> None:
    cast = Cast(name="Someone", email="someone@example.test")
    world.cp_case = cast.complaint
    world.cp_document = services.document_add(
        actor=cast.secretariat,
        complaint_id=cast.complaint.pk,
        uploads=[SimpleUploadedFile("note.txt", b"A note.", content_type="text/plain")],
    )[0]
    closed = Cast()
    closed.move_to(CaseStatus.ADMISSIBILITY)
    services.complaint_move(
        actor=closed.committee, complaint_id=closed.complaint.pk, to_status="inadmissible", reason="No link."
    )
    services.complaint_publish(
        actor=closed.secretariat,
        complaint_id=closed.complaint.pk,
        summary_nl="Samenvatting.",
        summary_en="Summary.",
    )
    world.cp_published = closed.complaint
    world.cp_covenant = cast.covenant


def _case(w: World) -> dict[str, str]:
    return {"reference": w.cp_case.reference}


#: Case pages check access per case (account or receipt code): 404 for everyone without it.
CASE = expect(404, pending=WAITING, secretariat=200)
CASE_LIST = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200, committee=200, company=200,
                   ngo=200, trade_union=200)  # fmt: skip
CASE_ROLES = ("secretariat", "committee", "company", "ngo", "trade_union")
SECRETARIAT = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)

ROWS: list[Row] = [
    Row("complaints:file", PUBLIC),
    Row("complaints:return", PUBLIC),
    Row(
        "complaints:leave", expect(302, pending=WAITING), method="POST", case="close the case in this browser"
    ),
    Row("complaints:rulings", PUBLIC),
    Row("complaints:ruling", PUBLIC, kwargs=lambda w: {"reference": w.cp_published.reference}),
    Row(
        "complaints:ruling",
        expect(404, pending=WAITING),
        kwargs=_case,
        case="a running case is not published",
    ),
    Row("complaints:tracker", PUBLIC),
    Row("complaints:performance", PUBLIC, kwargs=lambda w: {"slug": w.cp_covenant.slug}),
    Row("complaints:list", CASE_LIST),
    Row("complaints:case", CASE, kwargs=_case, case="a case filed without an account"),
    Row(
        "complaints:case-action",
        expect(404, pending=WAITING, secretariat=400),
        method="POST",
        kwargs=lambda w: {**_case(w), "action": "pause"},
        case="pause without a reason",
    ),
    Row(
        "complaints:case-identity",
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=400),
        method="POST",
        kwargs=_case,
        case="show the identity without a purpose",
    ),
    Row("complaints:case-export", SECRETARIAT, kwargs=_case),
    Row("complaints:document", CASE, kwargs=lambda w: {**_case(w), "pk": w.cp_document.pk}),
    Row("complaints:register", SECRETARIAT),
    Row("complaints:access-log", SECRETARIAT),
    Row("complaints:settings", SECRETARIAT, kwargs=lambda w: {"slug": w.cp_covenant.slug}),
    # --- the API: an empty body is a 400 for whoever gets past the door ---
    Row("api:complaints-file", expect(400, pending=403), method="POST", case="an empty filing"),
    Row("api:complaints-receipt", expect(400, pending=403), method="POST", case="no code"),
    Row("api:complaints-list", expect(404, anonymous=403, pending=403, **dict.fromkeys(CASE_ROLES, 200))),
    Row("api:complaints-detail", expect(404, anonymous=403, pending=403, secretariat=200), kwargs=_case),
    Row(
        "api:complaints-move",
        expect(404, anonymous=403, pending=403, secretariat=400),
        method="POST",
        kwargs=_case,
        case="no next step given",
    ),
    Row(
        "api:complaints-messages",
        expect(404, anonymous=403, pending=403, secretariat=400),
        method="POST",
        kwargs=_case,
        case="an empty message",
    ),
    Row("api:rulings-list", expect(200, pending=403)),
    Row(
        "api:complaints-performance", expect(200, pending=403), kwargs=lambda w: {"slug": w.cp_covenant.slug}
    ),
]
