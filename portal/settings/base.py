"""Settings shared by every environment. Values come from environment variables (prefix DJANGO_/PORTAL_,
plus the URLs DATABASE_URL, REDIS_URL, CELERY_BROKER_URL and EMAIL_URL), all read through `env`.

With nothing set, this is the embedded default: SQLite under var/, Celery tasks eager, e-mail to the
console, DEBUG on. Production (portal.settings.production) refuses to start without its secrets.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

#: The one reader of the environment: every setting below comes through it (django-environ).
env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

# --- Core -------------------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=True)
# The default key only exists for the embedded demo; production.py refuses to start without its own.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="insecure-embedded-demo-key-never-use-in-production" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin, with its login sent through the portal's own login (lockout, two-factor).
    "portal.accounts.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",  # its widget templates, for the portal's form renderer
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "django_countries",
    "django_htmx",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # platform (bottom layer)
    "portal.accounts",
    "portal.notifications",
    "portal.jobs",
    "portal.audit",
    "portal.core",
    "portal.enquiries",
    # domain apps
    "covenants",
    "companies",
    "duediligence",
    "complaints",
    # the top layer, reading the domain apps (its demo data runs after theirs)
    "portal.dashboards",
    "portal.reports",
    "portal.frontdoor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.core.languages.MainLanguageMiddleware",
    # Before anything reads the body (the CSRF check does): oversized bodies get 413 unread.
    "portal.core.middleware.RequestSizeLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.accounts.middleware.AccessGateMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.core.context_processors.portal",
            ],
        },
    }
]

# Every form is rendered with the portal's templates (templates/django/forms/): see portal/forms.py.
FORM_RENDERER = "portal.forms.PortalFormRenderer"

# --- Database ---------------------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
# An optional read replica of the primary: the dashboards read from it (portal/core/db_routing.py);
# every write, and every other read, goes to the primary. Tests point it at the test database.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["portal.core.db_routing.PrimaryReplicaRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3 with Django's native connection pool. With health checks on, the pool checks a
        # connection before handing it out (psycopg_pool's check_connection), so connections that died
        # with a restarted or failed-over server are replaced, not used for one failing request each.
        _database["CONN_HEALTH_CHECKS"] = True
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("PORTAL_DB_POOL_MIN", default=1),
            "max_size": env.int("PORTAL_DB_POOL_MAX", default=10),
            "timeout": 10,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (Redis when configured; login throttling lives here) -------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            **env.cache_url_config(REDIS_URL, backend="portal.core.cache.ResilientRedisCache"),
            "KEY_PREFIX": "portal",
            # Give up within ~2 s when Redis hangs, so a request still succeeds.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth -------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.accounts.validators.PortalMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "core:home"

# django-allauth: e-mail login, mandatory verification, throttled failures (per IP and per account).
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.OrganisationSignupForm"
ACCOUNT_ADAPTER = "portal.accounts.adapter.PortalAccountAdapter"
# The library's forms and messages in the portal's voice (docs/voice.md).
ACCOUNT_FORMS = {
    "login": "portal.accounts.auth_forms.PortalLoginForm",
    "signup": "portal.accounts.auth_forms.PortalSignupForm",
    "reset_password": "portal.accounts.auth_forms.PortalResetPasswordForm",
    "reset_password_from_key": "portal.accounts.auth_forms.PortalResetPasswordKeyForm",
    "change_password": "portal.accounts.auth_forms.PortalChangePasswordForm",
    "set_password": "portal.accounts.auth_forms.PortalSetPasswordForm",
    "add_email": "portal.accounts.auth_forms.PortalAddEmailForm",
    "reauthenticate": "portal.accounts.auth_forms.PortalReauthenticateForm",
}
MFA_ADAPTER = "portal.accounts.adapter.PortalMFAAdapter"
MFA_FORMS = {
    "authenticate": "portal.accounts.auth_forms.PortalMFAAuthenticateForm",
    "reauthenticate": "portal.accounts.auth_forms.PortalMFAReauthenticateForm",
    "activate_totp": "portal.accounts.auth_forms.PortalActivateTOTPForm",
}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[IMVO] "
ACCOUNT_RATE_LIMITS = {
    # A lockout after repeated failures: 5 per account per 15 minutes, 20 per IP per 15 minutes.
    "login_failed": env.str("PORTAL_LOGIN_FAILED_LIMIT", default="20/15m/ip,5/15m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IMVO Covenant Portal"
PORTAL_REQUIRE_MFA = env.bool("PORTAL_REQUIRE_MFA", default=False)

GUARDIAN_ANONYMOUS_USER_NAME = None  # nobody gets object grants without an account
ANONYMOUS_USER_NAME = None

# --- I18n -------------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    # The pages a complainant sees are also offered in the languages of the supply chains; every
    # other page stays Dutch and English (portal.core.languages).
    ("bn", _("Bengali")),
    ("hi", _("Hindi")),
    ("ur", _("Urdu")),
    ("tr", _("Turkish")),
    ("zh-hans", _("Simplified Chinese")),
    ("vi", _("Vietnamese")),
    ("my", _("Burmese")),
]
PORTAL_MAIN_LANGUAGES = ("nl", "en")
# Complaints: filings and receipt-code tries per client address (attempts, window in seconds), counted
# in the cache; filing fails open and code guessing fails closed when the cache is down.
PORTAL_COMPLAINT_FILING_LIMIT = (env.int("PORTAL_COMPLAINT_FILINGS_PER_HOUR", default=20), 3600)
PORTAL_COMPLAINT_CODE_LIMIT = (env.int("PORTAL_COMPLAINT_CODE_TRIES_PER_15_MIN", default=10), 900)
# Enquiries (the public contact form): per client address (attempts, window in seconds), failing open;
# personal data erased this many months after an enquiry is closed. The complaint topic sends the
# visitor to the complaint form (by URL name: the platform does not import the complaints app).
PORTAL_ENQUIRY_LIMIT = (env.int("PORTAL_ENQUIRIES_PER_HOUR", default=10), 3600)
PORTAL_ENQUIRY_RETENTION_MONTHS = env.int("PORTAL_ENQUIRY_RETENTION_MONTHS", default=24)
PORTAL_ENQUIRY_COMPLAINT_URL = "complaints:file"
PORTAL_ENQUIRY_COMPLAINT_API_URL = "api:complaints-file"
#: Each language's name in that language, for the language list.
PORTAL_LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "bn": "বাংলা",
    "hi": "हिन्दी",
    "ur": "اردو",
    "tr": "Türkçe",
    "zh-hans": "简体中文",
    "vi": "Tiếng Việt",
    "my": "မြန်မာဘာသာ",
}
LOCALE_PATHS = [Path(env.str("PORTAL_LOCALE_DIR", default=str(BASE_DIR / "locale")))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# One date style in both languages ("4 juli 2016" / "4 July 2016"): see portal/formats/.
FORMAT_MODULE_PATH = ["portal.formats"]
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files live outside the web root and are served only through checked views.
MEDIA_ROOT = Path(env.str("PORTAL_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields without their files; a bigger body is refused before it is read (portal.core.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
#: Every request body, uploads included.
PORTAL_MAX_REQUEST_BYTES = env.int("PORTAL_MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
#: Every view not marked with @accepts_uploads.
PORTAL_MAX_FORM_BYTES = env.int("PORTAL_MAX_FORM_BYTES", default=1024 * 1024)
#: Uploaded location lists (companies.imports): file size, rows, and what a spreadsheet may unpack to.
PORTAL_LOCATION_UPLOAD_MAX_BYTES = env.int("PORTAL_LOCATION_UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)
PORTAL_LOCATION_UPLOAD_MAX_ROWS = env.int("PORTAL_LOCATION_UPLOAD_MAX_ROWS", default=200_000)
PORTAL_LOCATION_UPLOAD_MAX_UNZIPPED_BYTES = env.int(
    "PORTAL_LOCATION_UPLOAD_MAX_UNZIPPED_BYTES", default=400 * 1024 * 1024
)

# --- E-mail -----------------------------------------------------------------------------------------
# One URL: smtp://host:25, smtp+tls://user:password@host:587, smtps://... (SSL), consolemail://,
# filemail:///absolute/folder, memorymail:// (tests), dummymail://.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = 10
# The URL's path loses its leading slash in parsing; a file backend's folder is always absolute.
EMAIL_FILE_PATH = f"/{_email['EMAIL_FILE_PATH']}" if _email["EMAIL_FILE_PATH"] else str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="IMVO portal <noreply@portal.invalid>")

# --- Celery -----------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
PORTAL_LONGEST_TASK_SECONDS = 30 * 60

# --- REST API ---------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session first, so an anonymous or refused request answers 403 (no WWW-Authenticate challenge).
        "portal.api.authentication.GatedSessionAuthentication",
        "portal.api.authentication.ApiTokenAuthentication",
    ],
    # Deny by default: every API view states who may use it (public ones with PublicAccess).
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.DenyAll"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("PORTAL_API_ANON_RATE", default="120/min"),
        "user": env.str("PORTAL_API_USER_RATE", default="1200/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IMVO Covenant Portal API",
    "DESCRIPTION": "Covenants, members, due diligence and complaints of IRBC agreements.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" with different choices: name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationStatusEnum": "portal.accounts.models.Organisation.Status",
        "CovenantStatusEnum": "covenants.models.Covenant.Status",
        "MembershipStatusEnum": "covenants.models.Membership.Status",
        "CountryEnum": "django_countries.countries",
        "LocationStatusEnum": "companies.models.choices.LocationStatus",
        "LocationMatchStatusEnum": "companies.models.LocationMatch.Status",
        "LocationSignalStatusEnum": "companies.models.LocationSignal.Status",
        "LocationUploadStatusEnum": "companies.models.LocationUpload.Status",
    },
}

# --- Security defaults (production tightens further) ------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; kept default
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only our own scripts, styles and images; no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("PORTAL_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

PORTAL_NAME = _("IMVO Covenant Portal")
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
PORTAL_ADMIN_PATH = env.str("PORTAL_ADMIN_PATH", default="admin/")
#: A secret that lets a monitor read the health check's details (header X-Health-Token); empty: none.
PORTAL_HEALTH_TOKEN = env.str("PORTAL_HEALTH_TOKEN", default="")
#: The public location list shows how many member companies source at a location only from this count
#: on; below it the list says "fewer than N", so that a count never points at one brand.
PORTAL_LOCATION_COUNT_THRESHOLD = env.int("PORTAL_LOCATION_COUNT_THRESHOLD", default=2)
# The government's dashboard shows no count of fewer companies than this (portal/dashboards/suppression.py).
PORTAL_DISCLOSURE_THRESHOLD = env.int("PORTAL_DISCLOSURE_THRESHOLD", default=3)
