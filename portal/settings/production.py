"""Production: secrets from the environment (no defaults), HTTPS everywhere, MFA for privileged roles.

Passes `manage.py check --deploy` with no warning.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production has no default secret key.")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("PORTAL_REQUIRE_MFA", "1")

from .base import *  # noqa: F403
from .base import env

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Uploaded and generated files: every one is read and written through Django's storage API, never
# by a path, so several web nodes and workers can share one store. The default is a folder
# (PORTAL_MEDIA_ROOT) that every node mounts; an S3-compatible object store takes settings only:
#   PORTAL_STORAGE_BACKEND=storages.backends.s3.S3Storage   (with django-storages[s3] installed)
#   PORTAL_STORAGE_OPTIONS='{"bucket_name": "portal-media", "endpoint_url": "https://s3.example.org",
#                            "default_acl": "private", "file_overwrite": false}'
# (credentials through the backend's own environment variables, e.g. AWS_ACCESS_KEY_ID). Files are
# still served only through the portal's permission-checked views, never from the store directly.
STORAGES = {
    "default": {
        "BACKEND": env.str("PORTAL_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("PORTAL_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
