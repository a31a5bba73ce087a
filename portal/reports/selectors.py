"""Who sees which annual reports: the secretariat every version; everybody else (the parties and the
public) the published versions of covenants past negotiation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from covenants.models import Covenant
from portal.accounts.roles import Role, has_role

from .models import AnnualReport


def report_list_for(user: Any) -> QuerySet[AnnualReport]:
    reports = AnnualReport.objects.select_related("covenant").order_by(
        "covenant__name_en", "-year", "language", "-version"
    )
    if has_role(user, Role.SECRETARIAT):
        return reports
    return reports.filter(published_at__isnull=False).exclude(covenant__status=Covenant.Status.NEGOTIATION)


def covenants_for(user: Any) -> QuerySet[Covenant]:
    covenants = Covenant.objects.order_by("name_en", "pk")
    if has_role(user, Role.SECRETARIAT):
        return covenants
    return covenants.exclude(status=Covenant.Status.NEGOTIATION)
