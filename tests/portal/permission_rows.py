"""The platform's rows of the permission matrix (see tests/permission_matrix.py): pages, account and
two-factor pages (allauth), the API's platform endpoints, health, schema and docs, and the admin.

The objects in the paths belong to someone else: another user's notification and job, and an
organisation that waits for the secretariat's decision."""

from __future__ import annotations

from portal.accounts.models import Organisation, User
from portal.accounts.tokens import api_token_create
from portal.jobs.services import job_create
from portal.notifications.services import notification_enqueue
from tests.factories import OrganisationFactory, UserFactory
from tests.permission_matrix import (
    EVERY_ROLE,
    LOGIN,
    PUBLIC,
    SECRETARIAT_ONLY,
    WAITING,
    Row,
    World,
    expect,
)


def build(world: World) -> None:
    world.stranger = UserFactory(organisation=OrganisationFactory())
    world.pending_organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    (world.notification,) = notification_enqueue(
        recipients=[world.stranger], kind="test", subject="For someone else", email=False
    )
    world.job = job_create(owner=world.stranger, kind="test", title="Someone else's export")
    world.token, _key = api_token_create(user=world.stranger, name="Someone else's token")


def _stranger(world: World) -> User:
    return world.stranger


#: The API answers 403 to anonymous callers, 404 to a role that may not use it.
API_EVERY_ROLE = expect(200, anonymous=403, pending=403)
#: A POST-only page (require_POST) answers 405 to a GET from anyone.
NOT_ALLOWED = expect(405)
# A user of a waiting organisation may use only the waiting page, sign out, switch language and read
# the accessibility and privacy statements (portal.accounts.middleware.PENDING_ALLOWED).
#: allauth pages that a signed-in user is sent away from (to the home page).
SIGNED_OUT_ONLY = expect(302, anonymous=200, pending=WAITING)
#: allauth pages for the signed-in user's own account (e-mail, password, two-factor).
OWN_ACCOUNT = expect(200, anonymous=LOGIN, pending=WAITING)
#: Two-factor pages for what a user without an authenticator does not have.
NO_AUTHENTICATOR = expect(404, anonymous=LOGIN, pending=WAITING)
#: Pages of a sign-in in progress: without one, back to the login page (signed in: home).
LOGIN_STEP = expect(302, anonymous=LOGIN, pending=WAITING)
#: Pages for signed-out visitors that a waiting user is kept from.
OPEN_ACCOUNT_PAGE = expect(200, pending=WAITING)

ROWS = [
    # --- public pages ------------------------------------------------------------------------------
    Row("core:home", PUBLIC),
    Row("core:accessibility", expect(200)),
    Row("core:privacy", expect(200)),
    Row("health", expect(200)),
    Row("set_language", expect(302), method="POST", data={"language": "en", "next": "/en/"}),
    Row("javascript-catalog", expect(200, pending=WAITING)),
    Row("api-schema", expect(200, pending=403), note="public on purpose: describes the API, holds no data"),
    Row("api-docs", expect(200, pending=403)),
    Row("api-redoc", expect(200, pending=403)),
    # --- the signed-in user's own pages ------------------------------------------------------------
    Row("accounts:home", expect(302, anonymous=LOGIN, pending=WAITING), note="to the role's own home"),
    Row(
        "accounts:role-home",
        expect(404, anonymous=LOGIN, pending=WAITING, company=200),
        kwargs=lambda w: {"role": "company"},
        case="another role's home",
    ),
    Row("accounts:pending", expect(302, anonymous=LOGIN, pending=200), note="approved users go home"),
    Row("notifications:list", EVERY_ROLE),
    Row(
        "notifications:open",
        expect(404, anonymous=LOGIN, pending=WAITING),
        method="POST",
        kwargs=lambda w: {"pk": w.notification.pk},
        case="someone else's notification",
    ),
    Row("accounts:tokens", EVERY_ROLE, note="each user's own API tokens; the list shows only their own"),
    Row(
        "accounts:token-revoke",
        expect(404, anonymous=LOGIN, pending=WAITING),
        method="POST",
        kwargs=lambda w: {"pk": w.token.pk},
        case="someone else's token",
    ),
    Row("notifications:outbox", SECRETARIAT_ONLY, note="undelivered e-mails"),
    Row(
        "notifications:outbox-retry",
        expect(404, anonymous=LOGIN, pending=WAITING),
        method="POST",
        kwargs=lambda w: {"pk": w.notification.pk},
        case="a notification that is not an e-mail: nothing to send again",
    ),
    Row("notifications:read-all", expect(302, anonymous=LOGIN, pending=WAITING), method="POST"),
    Row(
        "jobs:detail",
        expect(404, anonymous=LOGIN, pending=WAITING),
        kwargs=lambda w: {"pk": w.job.pk},
        case="someone else's job",
    ),
    Row(
        "jobs:download",
        expect(404, anonymous=LOGIN, pending=WAITING),
        kwargs=lambda w: {"pk": w.job.pk},
        case="someone else's job",
    ),
    # --- the secretariat decides account requests ---------------------------------------------------
    Row("accounts:organisation-requests", SECRETARIAT_ONLY),
    Row(
        "accounts:organisation-review",
        SECRETARIAT_ONLY,
        kwargs=lambda w: {"pk": w.pending_organisation.pk},
        case="a waiting organisation",
    ),
    # --- API: the platform's endpoints ---------------------------------------------------------------
    Row("api:me", API_EVERY_ROLE),
    Row("api:organisations-list", API_EVERY_ROLE),
    Row(
        "api:organisations-detail",
        expect(404, anonymous=403, pending=403, secretariat=200),
        kwargs=lambda w: {"pk": w.pending_organisation.pk},
        case="a waiting organisation",
    ),
    # --- account pages (allauth) ---------------------------------------------------------------------
    Row("account_login", SIGNED_OUT_ONLY),
    Row("account_signup", SIGNED_OUT_ONLY),
    Row("account_logout", expect(200, anonymous=302), note="asks to confirm; anonymous users go home"),
    Row("account_inactive", OPEN_ACCOUNT_PAGE),
    Row("account_reauthenticate", OWN_ACCOUNT),
    Row("account_email", OWN_ACCOUNT),
    Row("account_email_verification_sent", expect(200)),
    Row("account_change_password", OWN_ACCOUNT),
    Row(
        "account_set_password",
        expect(302, anonymous=LOGIN, pending=WAITING),
        note="users with a password go to change it",
    ),
    Row("account_reset_password", OPEN_ACCOUNT_PAGE),
    Row("account_reset_password_done", OPEN_ACCOUNT_PAGE),
    Row("account_confirm_login_code", LOGIN_STEP),
    Row(
        "account_confirm_email",
        expect(200),
        kwargs=lambda w: {"key": "not-a-key"},
        case="a wrong key: the page says the link is invalid",
    ),
    Row(
        "account_reset_password_from_key",
        expect(200, pending=WAITING),
        kwargs=lambda w: {"uidb36": "zz", "key": "not-a-key"},
        case="a wrong key: the page says the link is invalid",
    ),
    Row("account_reset_password_from_key_done", OPEN_ACCOUNT_PAGE),
    Row("mfa_index", OWN_ACCOUNT),
    Row("mfa_authenticate", LOGIN_STEP),
    Row("mfa_reauthenticate", LOGIN_STEP, note="nothing to reauthenticate with"),
    Row("mfa_activate_totp", LOGIN_STEP, note="first reauthenticate"),
    Row("mfa_deactivate_totp", NO_AUTHENTICATOR),
    Row("mfa_view_recovery_codes", NO_AUTHENTICATOR),
    Row("mfa_generate_recovery_codes", expect(302, anonymous=LOGIN, pending=WAITING)),
    Row("mfa_download_recovery_codes", NO_AUTHENTICATOR),
    # --- the Django admin: staff only (no demo role is staff) ----------------------------------------
    Row(
        "admin:login",
        expect(403, anonymous=LOGIN),
        note="no login of its own: anonymous users go to the portal's login, signed-in non-staff get 403",
    ),
    Row("admin:logout", expect(302)),
    Row("admin:*", expect(LOGIN), note="admin_view sends everyone who is not staff to its login"),
]
