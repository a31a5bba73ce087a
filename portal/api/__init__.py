"""The REST API base: /api/v1/. Domain apps add their own api/urls.py, included here."""
