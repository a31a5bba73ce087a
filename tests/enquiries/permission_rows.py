"""The enquiries app's rows of the permission matrix (see tests/permission_matrix.py).

Everybody may send an enquiry (the contact form and the API); only the secretariat reads the inbox
and acts on an enquiry. Everyone else gets 404 for an enquiry, not even whether it exists."""

from __future__ import annotations

from tests.permission_matrix import LOGIN, PUBLIC, SECRETARIAT_ONLY, WAITING, Row, World, expect

from .helpers import enquiry


def build(world: World) -> None:
    world.enquiry = enquiry(email="matrix@example.test")


def _pk(w: World) -> dict[str, int]:
    return {"pk": w.enquiry.pk}


#: An empty POST: the secretariat's form says what is missing (400); everyone else learns nothing.
EMPTY_ACTION = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=400)

ROWS: list[Row] = [
    Row("enquiries:contact", PUBLIC),
    Row("enquiries:contact", expect(400, pending=WAITING), method="POST", case="an empty form"),
    Row("enquiries:list", SECRETARIAT_ONLY),
    Row("enquiries:detail", SECRETARIAT_ONLY, kwargs=_pk),
    Row("enquiries:assign", EMPTY_ACTION, method="POST", kwargs=_pk, case="nobody chosen"),
    Row("enquiries:answer", EMPTY_ACTION, method="POST", kwargs=_pk, case="no answer written"),
    Row(
        "enquiries:close",
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200),
        method="POST",
        kwargs=_pk,
        case="the confirmation step",
    ),
    Row("enquiries:assign", expect(405, pending=WAITING), kwargs=_pk, case="GET"),
    # --- the API: public, an empty body is a 400 ---
    Row("api:enquiries-create", expect(400, pending=403), method="POST", case="an empty enquiry"),
]
