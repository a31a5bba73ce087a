"""Settings shared by every environment. Values come from environment variables (prefix DJANGO_/PORTAL_).

With nothing set, this is the embedded default: SQLite under var/, Celery tasks eager, e-mail to the
console, DEBUG on. Production (portal.settings.production) refuses to start without its secrets.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

# --- Core -------------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", True)
# The default key only exists for the embedded demo; production.py refuses to start without its own.
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", "insecure-embedded-demo-key-never-use-in-production" if DEBUG else None
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The admin, with its login sent through the portal's own login (lockout, two-factor).
    "portal.accounts.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for the portal's form renderer
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
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
    # domain apps
    "covenants",
    "companies",
    "duediligence",
    "complaints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3 with Django's native connection pool.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("PORTAL_DB_POOL_MIN", 1),
        "max_size": env_int("PORTAL_DB_POOL_MAX", 10),
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (Redis when configured; login throttling lives here) -------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
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
    "login_failed": env_str("PORTAL_LOGIN_FAILED_LIMIT", "20/15m/ip,5/15m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IMVO Covenant Portal"
PORTAL_REQUIRE_MFA = env_bool("PORTAL_REQUIRE_MFA", False)

GUARDIAN_ANONYMOUS_USER_NAME = None  # nobody gets object grants without an account
ANONYMOUS_USER_NAME = None

# --- I18n -------------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [Path(env_str("PORTAL_LOCALE_DIR", str(BASE_DIR / "locale")))]
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
MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields without their files; a bigger body is refused before it is read (portal.core.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
#: Every request body, uploads included.
PORTAL_MAX_REQUEST_BYTES = env_int("PORTAL_MAX_REQUEST_BYTES", 25 * 1024 * 1024)
#: Every view not marked with @accepts_uploads.
PORTAL_MAX_FORM_BYTES = env_int("PORTAL_MAX_FORM_BYTES", 1024 * 1024)

# --- E-mail -----------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
EMAIL_FILE_PATH = env_str("DJANGO_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "IMVO portal <noreply@portal.invalid>")

# --- Celery -----------------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
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
        "anon": env_str("PORTAL_API_ANON_RATE", "120/min"),
        "user": env_str("PORTAL_API_USER_RATE", "1200/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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
    "root": {"handlers": ["console"], "level": env_str("PORTAL_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

PORTAL_NAME = _("IMVO Covenant Portal")
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
PORTAL_ADMIN_PATH = env_str("PORTAL_ADMIN_PATH", "admin/")
#: A secret that lets a monitor read the health check's details (header X-Health-Token); empty: none.
PORTAL_HEALTH_TOKEN = env_str("PORTAL_HEALTH_TOKEN", "")
