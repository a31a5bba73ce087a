"""The Celery app the integration tests' worker process runs: the portal's, on the run's broker keys."""

from __future__ import annotations

from portal.celery import app
from tests.run_isolation import isolate_celery_app

isolate_celery_app(app)

__all__ = ["app"]
