"""Settings of the portal processes the fault tests start: production, with two changes for a test run.

- Static files are not collected (collecting and compressing them takes minutes): pages link them
  through the plain storage, which needs no manifest. The fault tests never load a static file.
- Passwords are hashed with the test settings' fast hasher, so the users the tests create can sign in.

Everything else (cache and broker timeouts, sessions, rate limits, security middleware) is production's.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
