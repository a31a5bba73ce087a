"""Two web nodes (two gunicorn instances) on one PostgreSQL, one Redis and one file store: a user signs
in on node A and carries on on node B with the same cookie; a list uploaded on A is confirmed on B
(with the form token from A's page) and its result, made by the worker, downloads from B."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from companies.models import LocationUpload
from tests.covenants.factories import MembershipFactory
from tests.factories import PASSWORD, UserFactory

from .stack import Stack, ready, wait_until
from .web import HIDDEN, Browser

pytestmark = [pytest.mark.faults]

CSV = (
    b"name,address,city,country,tier,product categories,first year,last year,show publicly\r\n"
    b"Rahman Knit Composite,Plot 12 BSCIC,Gazipur,Bangladesh,1,Apparel,2020,2024,yes\r\n"
    b"Anatolia Denim,Organize Sanayi 4,Denizli,TR,2,,,,no\r\n"
)
UPLOADS = "/en/locations/uploads/"


def upload_status(pk: int) -> str:
    return LocationUpload.objects.values_list("status", flat=True).get(pk=pk)


def test_a_session_and_files_carry_over_from_one_node_to_the_other(
    stack: Stack, portal_env: Callable[..., dict[str, str]], tmp_path
):
    membership = MembershipFactory(active=True)
    user = UserFactory(organisation=membership.company)
    redis = stack.redis()
    # One environment for both nodes: the same secret key, database, Redis and media folder.
    env = portal_env(
        redis_url=redis.url(0), broker_url=redis.url(1), email_url=f"filemail://{tmp_path / 'mail'}"
    )
    node_a = stack.gunicorn(env, name="node-a", workers=1, wait=False)
    node_b = stack.gunicorn(env, name="node-b", workers=1, wait=False)
    worker = stack.worker(env, wait=False)
    ready(node_a, node_b, worker)

    on_a = Browser(node_a.url)
    on_a.sign_in(user.email, PASSWORD)
    assert on_a.session.cookies.get("sessionid")
    on_b = Browser(node_b.url)
    on_b.session = on_a.session  # the same cookies, as a browser behind a load balancer sends them
    home = on_b.get("/en/dashboard/")
    assert home.status_code == 302 and "/account/login" not in home.headers["Location"]
    page = on_b.get(home.headers["Location"])
    assert page.status_code == 200 and user.email in page.text

    # Upload on A (multipart, with the CSRF token of A's form).
    form = on_a.get(f"{UPLOADS}new/")
    assert form.status_code == 200, form.text[:2000]
    fields = {**dict(HIDDEN.findall(form.text)), "covenant": str(membership.covenant_id)}
    sent = on_a.session.post(
        f"{node_a.url}{UPLOADS}new/",
        data=fields,
        files={"file": ("list.csv", CSV, "text/csv")},
        headers={"Referer": f"{node_a.url}{UPLOADS}new/"},
        allow_redirects=False,
        timeout=15,
    )
    assert sent.status_code == 302, sent.text[:3000]
    upload = LocationUpload.objects.get(company=membership.company)
    wait_until(
        lambda: upload_status(upload.pk) == LocationUpload.Status.PREVIEW, timeout=30, what="the list checked"
    )

    # Confirm on B with the token from A's preview page: nothing about the form lives in a node.
    preview = on_a.get(f"{UPLOADS}{upload.pk}/")
    assert preview.status_code == 200 and "/decide/" in preview.text
    token = dict(HIDDEN.findall(preview.text))["csrfmiddlewaretoken"]
    decided = on_b.post(
        f"{UPLOADS}{upload.pk}/decide/", {"csrfmiddlewaretoken": token, "decision": "confirm"}
    )
    assert decided.status_code == 302, decided.text[:3000]
    wait_until(
        lambda: upload_status(upload.pk) == LocationUpload.Status.APPLIED, timeout=30, what="the list applied"
    )

    # The result file, written by the worker into the shared store, downloads from B.
    result = on_b.get(f"{UPLOADS}{upload.pk}/result.csv")
    assert result.status_code == 200, result.text[:2000]
    assert result.headers["Content-Disposition"].startswith("attachment")
    body = result.content.decode("utf-8-sig")
    assert "Rahman Knit Composite" in body and "Anatolia Denim" in body
