"""Putting `dataset.json` into the database. Works on the current models and on a migration's
historical ones (`get_model`), so the data migration and the `quickscan_load` command share it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps as django_apps

from .data import DatasetData, dataset_file, dimension_of

GetModel = Callable[[str, str], Any]


def current_version(get_model: GetModel = django_apps.get_model) -> int:
    """The database copy's version (0 when nothing was loaded yet)."""
    row = get_model("duediligence", "QuickScanVersion").objects.order_by("-version").first()
    return int(row.version) if row else 0


def load_dataset(
    data: DatasetData | None = None, *, get_model: GetModel = django_apps.get_model, force: bool = False
) -> int | None:
    """Replace the database copy by `data` (the repository's file by default) when the database holds
    an older version (or none); returns the version loaded, None when it was already current."""
    data = data or dataset_file()
    if not force and current_version(get_model) >= int(data["version"]):
        return None
    version_model = get_model("duediligence", "QuickScanVersion")
    source_model = get_model("duediligence", "QuickScanSource")
    indication_model = get_model("duediligence", "QuickScanIndication")
    action_model = get_model("duediligence", "QuickScanAction")
    theme_model = get_model("covenants", "RiskTheme")
    themes = {t.code: t for t in theme_model.objects.filter(covenant__isnull=True)}
    missing = {row["theme"] for row in data["indications"]} - set(themes)
    if missing:
        raise ValueError(f"the dataset names unknown standard risk themes: {sorted(missing)}")
    sources = {}
    for source in data["sources"]:
        sources[source["code"]], _created = source_model.objects.update_or_create(
            code=source["code"],
            defaults={k: source[k] for k in ("title", "publisher", "year", "url")},  # type: ignore[literal-required]
        )
    indication_model.objects.all().delete()
    action_model.objects.all().delete()
    indication_model.objects.bulk_create(
        indication_model(
            **{dimension_of(dict(row))[0]: dimension_of(dict(row))[1]},
            theme=themes[row["theme"]],
            level=row["level"],
            source=sources[row["source"]],
            reason_en=row["reason_en"],
            reason_nl=row["reason_nl"],
        )
        for row in data["indications"]
    )
    action_model.objects.bulk_create(
        action_model(
            step=row["step"],
            theme=themes[row["theme"]] if row["theme"] else None,
            text_en=row["text_en"],
            text_nl=row["text_nl"],
            position=position,
        )
        for position, row in enumerate(data["actions"])
    )
    version = max(int(data["version"]), current_version(get_model) + 1 if force else 0)
    version_model.objects.create(
        version=version, note=f"Loaded dataset.json version {data['version']} ({data['released']})"
    )
    return version


def load_in_migration(apps: Any, schema_editor: Any) -> None:
    """The data migration: the standard themes come from covenants' migration 0002."""
    load_dataset(get_model=apps.get_model)
