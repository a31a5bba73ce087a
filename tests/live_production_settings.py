"""The production settings, for a portal started by the tests on loopback (tests/portal/
test_security_headers_live.py). One change only: static files are named as they are, so the server
needs no collected and compressed copy (minutes of work) to render a page. Every security setting is
production's own."""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
