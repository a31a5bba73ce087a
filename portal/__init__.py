"""The IMVO Covenant Portal: the platform package (settings, accounts, outbox, jobs, site wiring)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
