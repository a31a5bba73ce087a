"""Every write of the quick scan: the secretariat's changes to the dataset (each one a new version)
and a company saving its scan as the start of its risk register (through the risk services)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from portal.audit.services import audit_record

from ..models import QuickScanIndication, QuickScanRisk, QuickScanVersion, Risk
from ..priority import Level, Likelihood
from ..services._common import require_company, require_secretariat
from ..services.risks import risk_create, risk_update
from .data import DatasetData
from .data import Level as IndicationLevel
from .loading import current_version
from .selectors import ScanResult

INDICATION_FIELDS = ("sector", "country", "product", "theme", "level", "source", "reason_en", "reason_nl")

#: A provisional rating until the company assesses the impact itself: a high-level theme as high and
#: likely, an elevated one as medium and possible (scale, scope, irremediable character, likelihood).
DEFAULT_SCALES: dict[str, tuple[int, int, int, int]] = {
    IndicationLevel.HIGH: (Level.HIGH, Level.HIGH, Level.MEDIUM, Likelihood.LIKELY),
    IndicationLevel.ELEVATED: (Level.MEDIUM, Level.MEDIUM, Level.MEDIUM, Likelihood.POSSIBLE),
}


def _new_version(*, actor: Any, note: str) -> QuickScanVersion:
    # The row lock keeps two editors from taking the same number.
    latest = QuickScanVersion.objects.select_for_update().order_by("-version").first()
    return QuickScanVersion.objects.create(
        version=(latest.version if latest else 0) + 1, note=note[:300], created_by=actor
    )


def _describe(indication: QuickScanIndication) -> str:
    return f"{indication.dimension_label} / {indication.theme.code}"


@transaction.atomic
def indication_create(*, actor: Any, **fields: Any) -> QuickScanIndication:
    """A new indication; the dataset's version goes up by one."""
    require_secretariat(actor)
    unknown = set(fields) - set(INDICATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown indication fields: {sorted(unknown)}")
    indication = QuickScanIndication(**fields)
    indication.full_clean()
    indication.save()
    version = _new_version(actor=actor, note=f"Added {_describe(indication)}")
    audit_record(
        actor=actor, action="quickscan.indication_created", target=indication, note=str(version.version)
    )
    return indication


@transaction.atomic
def indication_update(*, actor: Any, indication_id: int, **fields: Any) -> QuickScanIndication:
    """Change an indication; the dataset's version goes up by one (also when nothing changed: the
    secretariat confirmed the entry)."""
    require_secretariat(actor)
    indication = QuickScanIndication.objects.select_for_update().get(pk=indication_id)
    for name, value in fields.items():
        if name not in INDICATION_FIELDS:
            raise ValueError(f"unknown indication field: {name}")
        setattr(indication, name, value)
    indication.full_clean()
    indication.save()
    version = _new_version(actor=actor, note=f"Changed {_describe(indication)}")
    audit_record(
        actor=actor, action="quickscan.indication_updated", target=indication, note=str(version.version)
    )
    return indication


@transaction.atomic
def indication_delete(*, actor: Any, indication_id: int) -> int:
    """Remove an indication; returns the dataset's new version."""
    require_secretariat(actor)
    indication = QuickScanIndication.objects.select_for_update().select_related("theme").get(pk=indication_id)
    note = f"Removed {_describe(indication)}"
    audit_record(actor=actor, action="quickscan.indication_deleted", target=indication, note=note)
    indication.delete()
    return _new_version(actor=actor, note=note).version


def dataset_export() -> DatasetData:
    """The database copy in the shape of `dataset.json`, with its current version."""
    from ..models import QuickScanAction, QuickScanSource

    latest = QuickScanVersion.objects.order_by("-version").first()
    indications: list[Any] = []
    for row in QuickScanIndication.objects.select_related("theme", "source").order_by("pk"):
        dimension = (
            {"sector": row.sector}
            if row.sector
            else {"country": row.country.code}
            if row.country
            else {"product": row.product}
        )
        indications.append(
            {
                **dimension,
                "theme": row.theme.code,
                "level": row.level,
                "source": row.source.code,
                "reason_en": row.reason_en,
                "reason_nl": row.reason_nl,
            }
        )
    return {
        "version": current_version(),
        "released": latest.created_at.date().isoformat() if latest else "",
        "sources": [
            {"code": s.code, "title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}
            for s in QuickScanSource.objects.order_by("code")
        ],
        "indications": indications,
        "actions": [
            {
                "step": a.step,
                "theme": a.theme.code if a.theme else None,
                "text_en": a.text_en,
                "text_nl": a.text_nl,
            }
            for a in QuickScanAction.objects.select_related("theme").order_by("step", "position", "pk")
        ],
    }


@dataclass
class SaveOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def quickscan_save_to_register(*, actor: Any, result: ScanResult) -> SaveOutcome:
    """Draft risks in the actor's company's register, one per theme found (with the countries where it
    applies), rated provisionally. A theme saved before gets no second entry: its risk only takes the
    countries it did not have yet."""
    company_id = require_company(actor)
    saved = {
        link.theme_id: link.risk
        for link in QuickScanRisk.objects.select_for_update()
        .filter(company_id=company_id)
        .select_related("risk")
    }
    outcome = SaveOutcome()
    for finding in result.themes:
        countries = result.countries_for(finding)
        risk: Risk | None = saved.get(finding.theme.pk)
        if risk is not None:
            have = [str(code) for code in risk.countries]
            extra = [code for code in countries if code not in have]
            if extra:
                risk_update(actor=actor, risk_id=risk.pk, countries=[*have, *extra])
                outcome.updated += 1
            else:
                outcome.unchanged += 1
            continue
        scale, scope, irremediable, likelihood = DEFAULT_SCALES[finding.level]
        reasons = "\n".join(
            f"- {indication.dimension_label}: {indication.reason} ({indication.source})"
            for indication in finding.indications
        )
        risk = risk_create(
            actor=actor,
            theme=finding.theme,
            title=gettext("Quick scan: %(theme)s") % {"theme": finding.theme.name},
            description=gettext(
                "From the due-diligence quick scan (dataset version %(version)s). The rating is provisional:"
                " assess the scale, scope, irremediable character and likelihood for your own supply chain."
            )
            % {"version": result.version}
            + "\n\n"
            + reasons,
            countries=countries,
            involvement="linked",
            actual=False,
            scale=scale,
            scope=scope,
            irremediable=irremediable,
            likelihood=likelihood,
            status=Risk.Status.IDENTIFIED,
        )
        QuickScanRisk.objects.create(company_id=company_id, theme=finding.theme, risk=risk)
        outcome.created += 1
    audit_record(
        actor=actor,
        action="quickscan.saved",
        note=f"{outcome.created} new, {outcome.updated} updated, {outcome.unchanged} unchanged",
    )
    return outcome
