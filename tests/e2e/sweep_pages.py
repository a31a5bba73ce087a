"""The pages the accessibility sweep opens, per column of the permission matrix, and the proof that
no page is forgotten.

Which pages a column may open is derived, not typed: every URL pattern of the site
(`portal.access_check.url_patterns`) with its view's stated access and the permission matrix's GET
rows (tests/*/permission_rows.py). A column opens a URL when the view's rule names it (public,
signed-in, or its roles) or a GET row answers it 200; a URL whose GET rows all answer 405 for it, or
that has POST rows only, is a POST-only action, not a page. A signed-in column need not sweep what it
sees exactly as an anonymous visitor does (the same answer in every GET row of a public view): the
anonymous sweep covers that page, and each role's own pages cover its header.

`unswept(column)` lists what is derived but neither in the column's `PAGES` nor explained in
`EXCLUDED` (file downloads, feeds, machine-read files, redirects, the API), `SHARED` (a page that
is the same for every signed-in user, swept once) or `ELSEWHERE` (a page that needs a state only a
flow builds); tests/test_accessibility_coverage.py fails on it, so a new page has to be placed.

No browser and no database here: the page lists name URL patterns; their arguments are read from
the demo data (`seed_demo`) at sweep time, through `prepare()`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from tests.permission_matrix import ANONYMOUS, COLUMNS, PENDING, ROLES, Row, all_rows

Demo = SimpleNamespace
GARMENTS = "garments-textile"


Kwargs = dict[str, Any]


@dataclass(frozen=True)
class P:
    """One page: a URL name, its path arguments from the demo objects (a list of them for several
    pages of one pattern, e.g. every case a role sees), and an optional query."""

    name: str
    kwargs: Callable[[Demo], Kwargs | list[Kwargs]] | None = None
    query: str = ""

    def paths(self, demo: Demo, language: str) -> list[str]:
        from django.urls import reverse
        from django.utils import translation

        given = self.kwargs(demo) if self.kwargs else {}
        many = given if isinstance(given, list) else [given]
        if not many:
            raise AssertionError(f"{self.name}: the demo data gives no object for this page")
        query = f"?{self.query}" if self.query else ""
        with translation.override(language):
            return [reverse(self.name, kwargs=kwargs) + query for kwargs in many]


def _slug(d: Demo) -> Kwargs:
    return {"slug": GARMENTS}


def _cases(refs: Callable[[Demo], list[str]]) -> P:
    return P("complaints:case", lambda d: [{"reference": ref} for ref in refs(d)])


ANONYMOUS_PAGES: list[P] = [
    P("core:home"),
    P("core:accessibility"),
    P("core:privacy"),
    P("covenants:list"),
    P("covenants:detail", _slug),
    P("covenants:detail", lambda d: {"slug": "banking"}),
    P("account_login"),
    P("account_signup"),
    P("account_inactive"),
    P("account_email_verification_sent"),
    P("account_confirm_email", lambda d: {"key": "not-a-key"}),
    P("account_reset_password"),
    P("account_reset_password_done"),
    P("account_reset_password_from_key", lambda d: {"uidb36": "zz", "key": "not-a-key"}),
    P("account_reset_password_from_key_done"),
    P("complaints:file"),
    P("complaints:return"),
    P("enquiries:contact"),
    P("complaints:rulings"),
    P("complaints:ruling", lambda d: {"reference": d.published_ruling}),
    P("complaints:tracker"),
    P("complaints:performance", _slug),
    P("reports:list"),
    P("reports:covenant", _slug),
    P("duediligence:quickscan"),
    P("duediligence:quickscan", query="sector=garments_textile&countries=BD&countries=IN&products=cotton"),
    P("duediligence:quickscan", query="sector=&countries=XX"),
    P("news:list"),
    P("news:list", query=f"covenant={GARMENTS}"),
    P("news:detail", lambda d: {"slug": "garments-living-wage"}),
    P("search"),
    P("search", query="q=wages"),
    P("publications", _slug),
    P("framework", lambda d: {"slug": GARMENTS, "version": d.framework_version}),
    P("companies:locations"),
    P("companies:locations", query="country=BD"),
]

SECRETARIAT_PAGES: list[P] = [
    P("accounts:role-home", lambda d: {"role": "secretariat"}),
    P("accounts:organisation-requests"),
    P("accounts:organisation-review", lambda d: {"pk": d.pending_organisation}),
    P("notifications:list"),
    P("notifications:outbox"),
    P("covenants:detail", _slug),
    P("covenants:manage"),
    P("covenants:create"),
    P("covenants:applications"),
    P("covenants:memberships"),
    P("covenants:membership-detail", lambda d: {"pk": d.membership}),
    P("covenants:membership-detail", lambda d: {"pk": d.application}),
    P("covenants:cycles"),
    P("covenants:cycle-create"),
    P("covenants:cycle-detail", lambda d: {"pk": d.cycle}),
    P("covenants:edit", _slug),
    P("covenants:parties", _slug),
    P("covenants:governance", _slug),
    P("covenants:meeting-create", _slug),
    P("covenants:meeting-edit", lambda d: {"slug": GARMENTS, "pk": d.meeting}),
    P("duediligence:assessments"),
    P("duediligence:assessment", lambda d: {"pk": d.submitted_assessment}),
    P("duediligence:assessment-step", lambda d: {"pk": d.submitted_assessment, "step": 2}),
    P("duediligence:assessment-review", lambda d: {"pk": d.submitted_assessment}),
    P("duediligence:frameworks"),
    P("duediligence:framework", lambda d: {"pk": d.framework}),
    P("duediligence:question-edit", lambda d: {"pk": d.draft_question}),
    P("duediligence:risks"),
    P("duediligence:actions"),
    P("duediligence:action", lambda d: {"pk": d.action}),
    P("duediligence:performances"),
    P("duediligence:performance", lambda d: {"pk": d.performance}),
    P("duediligence:suspension-reviews"),
    P("duediligence:suspension-review", lambda d: {"pk": d.suspension_review}),
    P("duediligence:suspension-escalate", lambda d: d.missed_deadline),
    P("duediligence:quickscan-dataset"),
    P("duediligence:quickscan-indication-create"),
    P("duediligence:quickscan-indication-edit", lambda d: {"pk": d.indication}),
    P("complaints:list"),
    P("complaints:list", query="status=all"),
    _cases(lambda d: d.all_cases),
    P("complaints:register"),
    P("complaints:access-log"),
    P("complaints:settings", _slug),
    P("dashboards:index"),
    P("dashboards:covenant", _slug),
    P("dashboards:government", _slug),
    P("reports:list"),
    P("reports:covenant", _slug),
    P("reports:foreword", lambda d: {"slug": GARMENTS, "year": d.report_year}),
    P("enquiries:list"),
    P("enquiries:detail", lambda d: {"pk": d.open_enquiry}),
    P("enquiries:detail", lambda d: {"pk": d.answered_enquiry}),
    P("news:manage"),
    P("news:create"),
    P("news:edit", lambda d: {"slug": "garments-living-wage"}),
    P("news:detail", lambda d: {"slug": "garments-draft"}),
    P("companies:matches"),
    P("companies:signal-report"),
    P("companies:signal-inbox"),
]

COMPANY_PAGES: list[P] = [
    P("accounts:role-home", lambda d: {"role": "company"}),
    P("notifications:list"),
    P("duediligence:assessments"),
    P("duediligence:assessment", lambda d: {"pk": d.draft_assessment}),
    P("duediligence:assessment-step", lambda d: {"pk": d.draft_assessment, "step": 1}),
    P("duediligence:assessment-step", lambda d: {"pk": d.draft_assessment, "step": 3}),
    P("duediligence:performances"),
    P("duediligence:performance", lambda d: {"pk": d.performance}),
    P("duediligence:risks"),
    P("duediligence:risk-create"),
    P("duediligence:risk-edit", lambda d: {"pk": d.risk}),
    P("duediligence:actions"),
    P("duediligence:action-create"),
    P("duediligence:action", lambda d: {"pk": d.action}),
    P("duediligence:action-edit", lambda d: {"pk": d.action}),
    P("duediligence:quickscan", query="sector=garments_textile&countries=BD"),
    P("covenants:memberships"),
    P("covenants:apply"),
    P("covenants:membership-detail", lambda d: {"pk": d.membership}),
    P("covenants:detail", _slug),
    P("complaints:list"),
    _cases(lambda d: d.company_cases),
    P("companies:supply-chain"),
    P("companies:uploads"),
    P("companies:upload-create"),
    P("companies:upload-detail", lambda d: {"pk": d.upload}),
    P("companies:company-signals"),
    P("companies:signal-respond", lambda d: {"pk": d.relay}),
    # The pages every signed-in user has (see SHARED), swept once, here.
    P("accounts:tokens"),
    P("account_email"),
    P("account_change_password"),
    P("account_reauthenticate"),
    P("mfa_index"),
    P("account_logout"),
    P("jobs:detail", lambda d: {"pk": d.job}),
]


def _party_pages(role: str, *extra: P) -> list[P]:
    return [
        P("accounts:role-home", lambda d: {"role": role}),
        P("notifications:list"),
        P("covenants:detail", _slug),
        *extra,
    ]


_REPORTER = (P("complaints:list"), _cases(lambda d: d.own_cases), P("companies:signal-report"),
             P("companies:my-signals"))  # fmt: skip

PAGES: dict[str, list[P]] = {
    ANONYMOUS: ANONYMOUS_PAGES,
    PENDING: [P("accounts:pending")],
    "secretariat": SECRETARIAT_PAGES,
    "committee": _party_pages("committee", P("complaints:list"), _cases(lambda d: d.assigned_cases)),
    "company": COMPANY_PAGES,
    "industry_association": _party_pages("industry_association"),
    "government": _party_pages("government", P("dashboards:index"), P("dashboards:government", _slug)),
    "trade_union": _party_pages("trade_union", *_REPORTER),
    "ngo": _party_pages("ngo", *_REPORTER),
}


@dataclass(frozen=True)
class Excluded:
    reason: str
    #: The columns it is excluded for; every column when empty.
    columns: frozenset[str] = frozenset()

    def applies(self, column: str) -> bool:
        return not self.columns or column in self.columns


_DOWNLOAD = "a file download (attachment), not a page"
_SIGNED_IN = frozenset((PENDING, *ROLES))

#: Never swept, by URL name (a glob for a whole namespace), with the reason.
EXCLUDED: dict[str, Excluded] = {
    "api:*": Excluded("the REST API answers JSON, not pages"),
    "api-schema": Excluded("the OpenAPI schema (YAML/JSON), not a page"),
    "api-docs": Excluded(
        "the API's reference for developers, drawn by the bundled Swagger UI after loading (axe-core "
        "finds serious issues in Swagger UI's own controls, which only that bundle can fix)"
    ),
    "api-redoc": Excluded("the API's reference for developers, drawn by the bundled ReDoc after loading"),
    "admin:*": Excluded("the Django admin, for staff only (no portal role is staff)"),
    "health": Excluded("a plain-text health check for monitoring"),
    "robots": Excluded("robots.txt, plain text"),
    "sitemap": Excluded("sitemap.xml, read by search engines"),
    "javascript-catalog": Excluded("the JavaScript translation catalogue"),
    "news:feed": Excluded("an Atom feed (XML)"),
    "news:covenant-feed": Excluded("an Atom feed (XML)"),
    "news:image": Excluded("an image file"),
    "news:attachment": Excluded(_DOWNLOAD),
    "companies:locations-export": Excluded(_DOWNLOAD + " (CSV, XLSX)"),
    "companies:my-locations-export": Excluded(_DOWNLOAD + " (CSV, XLSX)"),
    "companies:upload-result": Excluded(_DOWNLOAD + " (CSV)"),
    "companies:upload-template": Excluded(_DOWNLOAD + " (CSV, XLSX, ODS)"),
    "companies:signal-evidence": Excluded(_DOWNLOAD),
    "covenants:meeting-minutes": Excluded(_DOWNLOAD),
    "duediligence:quickscan-export": Excluded(_DOWNLOAD + " (JSON)"),
    "complaints:document": Excluded(_DOWNLOAD),
    "complaints:case-export": Excluded(_DOWNLOAD + " (the personal data of a case)"),
    "reports:download": Excluded(_DOWNLOAD + " (PDF)"),
    "dashboards:covenant-export": Excluded(_DOWNLOAD + " (CSV, XLSX)"),
    "dashboards:government-export": Excluded(_DOWNLOAD + " (CSV, XLSX)"),
    "jobs:download": Excluded(_DOWNLOAD),
    "accounts:home": Excluded("a redirect to the role's own home page"),
    "accounts:pending": Excluded("a redirect home for approved users", frozenset(ROLES)),
}

#: Pages every signed-in user sees alike (their own account, tokens and jobs): swept once, by the
#: column named here; the header that differs per role is swept on each role's own pages.
SHARED: dict[str, str] = dict.fromkeys(
    (
        "accounts:tokens",
        "account_email",
        "account_change_password",
        "account_reauthenticate",
        "mfa_index",
        "account_logout",
        "jobs:detail",
    ),
    "company",
)

#: Pages that need a state only a flow builds, and the test that sweeps them.
ELSEWHERE: dict[tuple[str, str], str] = {
    (ANONYMOUS, "complaints:case"): (
        "the complainant's case page needs a receipt code granted in the session: "
        "tests/e2e/test_complainant_languages.py sweeps it in every offered language"
    ),
}


def _rows_by_name(rows: list[Row]) -> dict[str, list[Row]]:
    table: dict[str, list[Row]] = {}
    for row in rows:
        table.setdefault(row.name, []).append(row)
    return table


def _rows_for(name: str, table: dict[str, list[Row]]) -> list[Row]:
    if name in table:
        return table[name]
    return [row for key, rows in table.items() if any(c in key for c in "*?[") and fnmatch.fnmatch(name, key)
            for row in rows]  # fmt: skip


def _granted(rule: str) -> set[str]:
    if rule == "public":
        return {ANONYMOUS, *ROLES}
    if rule == "signed-in":
        return set(ROLES)
    if rule.startswith("roles: "):
        return set(rule.removeprefix("roles: ").split(", "))
    return set()


def required_pages() -> dict[str, set[str]]:
    """Column -> the URL names of the pages it may open (see the module's docstring)."""
    from django.utils import translation

    from portal.access_check import access_rule, url_patterns

    table = _rows_by_name(all_rows())
    with translation.override("en"):
        routes = list(url_patterns())
    required: dict[str, set[str]] = {column: set() for column in COLUMNS}
    for route in routes:
        rows = [row for row in _rows_for(route.name, table) if row.method == "GET"]
        if not rows:
            continue  # POST only: an action, not a page
        rule = access_rule(route.callback) or ""
        granted = _granted(rule)
        for column in COLUMNS:
            if all(row.expect[column] == 405 for row in rows):
                continue
            if column not in granted and not any(row.expect[column] == 200 for row in rows):
                continue
            as_anonymous = all(row.expect[column] == row.expect[ANONYMOUS] for row in rows)
            if column != ANONYMOUS and as_anonymous and (rule == "public" or rows[0].expect[column] == 200):
                continue  # the same page as for an anonymous visitor: swept there
            required[column].add(route.name)
    return required


def _excluded(name: str, column: str) -> bool:
    for key, exclusion in EXCLUDED.items():
        if (name == key or fnmatch.fnmatch(name, key)) and exclusion.applies(column):
            return True
    return False


def swept_names(column: str) -> set[str]:
    return {page.name for page in PAGES[column]}


def unswept(column: str, required: set[str]) -> list[str]:
    """The URL names `column` may open that are neither swept nor explained."""
    covered = swept_names(column) | {n for n, by in SHARED.items() if n in swept_names(by)}
    return sorted(
        name
        for name in required
        if name not in covered and not _excluded(name, column) and (column, name) not in ELSEWHERE
    )


def stale_entries(names: Iterable[str]) -> list[str]:
    """Exclusions and pages that name no URL pattern any more."""
    known = set(names)
    listed = {page.name for pages in PAGES.values() for page in pages}
    listed |= {key for key in EXCLUDED if not any(c in key for c in "*?[")}
    listed |= set(SHARED) | {name for _column, name in ELSEWHERE}
    return sorted(listed - known)
