"""Tests: PostgreSQL and Redis on loopback unless overridden; fast hashing; tasks eager by default.

Integration tests switch eager mode off and talk to a real Celery worker.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
# The broker gets its own Redis database: tests clear the cache database between tests.
os.environ.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/14")
os.environ.setdefault("PORTAL_API_ANON_RATE", "100000/min")
os.environ.setdefault("PORTAL_API_USER_RATE", "100000/min")
# In memory, so tests read django.core.mail.outbox; a worker started by the integration tests gets a
# filemail:// URL instead and writes mail to files the tests can read.
os.environ.setdefault("EMAIL_URL", "memorymail://")

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Runs (and pytest-xdist workers) on one machine stay apart: scripts/test.sh gives each run its own
# database name in DATABASE_URL, and every Redis key of this process (cache, Celery broker) starts
# with this prefix. A worker process started by the tests inherits the same prefix.
os.environ.setdefault("PORTAL_TEST_RUN", f"p{os.getpid()}")
TEST_KEY_PREFIX = f"test-{env.str('PORTAL_TEST_RUN')}-{env.str('PYTEST_XDIST_WORKER', default='main')}"
if CACHES["default"]["BACKEND"] == "portal.core.cache.ResilientRedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.run_isolation.RunScopedRedisCache"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = TEST_KEY_PREFIX  # noqa: F405

# No connection pool in tests: the test database is created and dropped under the pool's feet.
for _database in DATABASES.values():  # noqa: F405
    _database.get("OPTIONS", {}).pop("pool", None)

# WhiteNoise expects STATIC_ROOT to exist; tests serve static files through the finders instead.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# The complaint rate limits (per client address) would otherwise cap the many filings and receipt-code
# tries of a test run from one address; the tests of the limits set their own.
PORTAL_COMPLAINT_FILING_LIMIT = (100_000, 3600)
PORTAL_COMPLAINT_CODE_LIMIT = (100_000, 900)
# The same for the contact form; tests/enquiries sets its own limit.
PORTAL_ENQUIRY_LIMIT = (100_000, 3600)
