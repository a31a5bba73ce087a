from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from portal.access import get_visible_or_404

from .models import Job


def job_list_for(user: Any) -> QuerySet[Job]:
    """A user sees only their own jobs."""
    return Job.objects.filter(owner=user)


def job_get_for(user: Any, job_id: int) -> Job:
    return get_visible_or_404(job_list_for(user), pk=job_id)
