"""The quick scan itself: a read of the dataset in a fixed number of queries, whatever is chosen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django_countries import countries as country_list

from covenants.models import Covenant, RiskTheme, Sector
from covenants.selectors import covenant_accepting_members

from ..models import OecdStep, QuickScanAction, QuickScanIndication, QuickScanVersion
from .data import LEVEL_ORDER, Level


@dataclass
class ThemeFinding:
    """A salient risk theme: its highest level and every indication that makes it apply."""

    theme: RiskTheme
    level: str = Level.ELEVATED
    indications: list[QuickScanIndication] = field(default_factory=list)
    #: The chosen countries with an indication of their own for this theme.
    countries: list[str] = field(default_factory=list)

    @property
    def level_label(self) -> Any:
        return Level(self.level).label

    def add(self, indication: QuickScanIndication) -> None:
        self.indications.append(indication)
        if LEVEL_ORDER[Level(indication.level)] > LEVEL_ORDER[Level(self.level)]:
            self.level = indication.level
        if indication.country and indication.country.code not in self.countries:
            self.countries.append(indication.country.code)

    def sort_key(self) -> tuple[int, int, int]:
        return (-LEVEL_ORDER[Level(self.level)], -len(self.indications), self.theme.position)


@dataclass
class StepAdvice:
    step: int
    label: Any
    actions: list[QuickScanAction]


@dataclass
class ScanResult:
    sector: str
    countries: list[str]
    products: list[str]
    themes: list[ThemeFinding]
    steps: list[StepAdvice]
    covenants: list[Covenant]
    version: int

    @property
    def sector_label(self) -> Any:
        return Sector(self.sector).label if self.sector else ""

    def country_names(self) -> list[str]:
        return [str(dict(country_list).get(code, code)) for code in self.countries]

    def countries_for(self, finding: ThemeFinding) -> list[str]:
        """Where a theme applies: the countries with an indication for it, else every chosen country
        (a sector's or product's risk goes wherever the company sources)."""
        return finding.countries or list(self.countries)


def dataset_version() -> int:
    row = QuickScanVersion.objects.order_by("-version").only("version").first()
    return row.version if row else 0


def indications_for(
    sector: str, countries: Iterable[str], products: Iterable[str]
) -> QuerySet[QuickScanIndication]:
    match = Q(sector=sector) if sector else Q(pk__in=[])
    match |= Q(country__in=list(countries)) | Q(product__in=list(products))
    return QuickScanIndication.objects.filter(match).select_related("theme", "source").order_by("pk")


def covenants_for_sector(sector: str) -> list[Covenant]:
    """The covenants a company of this sector can join (active ones)."""
    return list(covenant_accepting_members().filter(sector=sector)) if sector else []


def quick_scan(*, sector: str, countries: Iterable[str] = (), products: Iterable[str] = ()) -> ScanResult:
    """The salient themes (most severe first), the first actions per OECD step for them, and the
    covenant(s) of the sector: four queries."""
    countries, products = list(dict.fromkeys(countries)), list(dict.fromkeys(products))
    findings: dict[int, ThemeFinding] = {}
    for indication in indications_for(sector, countries, products):
        findings.setdefault(indication.theme_id, ThemeFinding(theme=indication.theme)).add(indication)
    themes = sorted(findings.values(), key=ThemeFinding.sort_key)
    actions = QuickScanAction.objects.filter(
        Q(theme__isnull=True) | Q(theme_id__in=list(findings))
    ).select_related("theme")
    per_step: dict[int, list[QuickScanAction]] = {step.value: [] for step in OecdStep}
    for action in actions:
        per_step.setdefault(action.step, []).append(action)
    steps = [StepAdvice(step=step.value, label=step.label, actions=per_step[step.value]) for step in OecdStep]
    return ScanResult(
        sector=sector,
        countries=countries,
        products=products,
        themes=themes,
        steps=steps,
        covenants=covenants_for_sector(sector),
        version=dataset_version(),
    )
