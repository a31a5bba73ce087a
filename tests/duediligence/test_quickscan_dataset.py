"""The quick scan's dataset: loaded from the repository's file, maintained by the secretariat (every
change a new version), exported as JSON in the file's shape."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from duediligence.models import QuickScanIndication, QuickScanSource, QuickScanVersion
from duediligence.quickscan import services
from duediligence.quickscan.data import dataset_file
from duediligence.quickscan.loading import current_version, load_dataset
from duediligence.quickscan.selectors import quick_scan
from tests.covenants.factories import standard_theme

from .quickscan_fixtures import dataset

pytestmark = pytest.mark.django_db
__all__ = ["dataset"]

DATASET = "/en/due-diligence/quick-scan/dataset/"


def _form(indication: QuickScanIndication, **changes: Any) -> dict[str, Any]:
    data = {
        "sector": indication.sector,
        "country": indication.country.code if indication.country else "",
        "product": indication.product,
        "theme": indication.theme_id,
        "level": indication.level,
        "source": indication.source_id,
        "reason_en": indication.reason_en,
        "reason_nl": indication.reason_nl,
    }
    return {**data, **changes}


def test_the_file_is_loaded_once_with_its_version(dataset: None) -> None:
    data = dataset_file()
    assert current_version() == data["version"]
    assert QuickScanIndication.objects.count() == len(data["indications"])
    assert load_dataset() is None  # already current: nothing replaced
    out = StringIO()
    call_command("quickscan_load", stdout=out)
    assert "is current" in out.getvalue()


def test_the_secretariat_lists_the_indications_with_their_sources(
    client: Any, secretariat_user: Any, dataset: None
) -> None:
    client.force_login(secretariat_user)
    html = client.get(DATASET).content.decode()
    assert "Bangladesh" in html and "Garments and textile" in html and "Cocoa" in html
    assert "ITUC" in html and f"Version {current_version()}" in html


def test_editing_an_indication_bumps_the_version_and_changes_the_scan(
    client: Any, secretariat_user: Any, dataset: None
) -> None:
    client.force_login(secretariat_user)
    before = current_version()
    indication = QuickScanIndication.objects.get(country="BD", theme__code="child-labour")
    url = f"/en/due-diligence/quick-scan/dataset/{indication.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, _form(indication, level="high", reason_en="Hazardous work in leather tanning.")
    )
    assert response.status_code == 302 and response["Location"] == DATASET
    assert current_version() == before + 1
    latest = QuickScanVersion.objects.order_by("-version").first()
    assert latest is not None and latest.created_by == secretariat_user and "Bangladesh" in latest.note
    finding = next(
        f for f in quick_scan(sector="other", countries=["BD"]).themes if f.theme.code == "child-labour"
    )
    assert finding.level == "high"
    assert finding.indications[0].reason_en == "Hazardous work in leather tanning."
    # The export carries the new version and the change.
    export = client.get("/en/due-diligence/quick-scan/dataset/export/")
    assert export["Content-Disposition"] == f'attachment; filename="quickscan-dataset-v{before + 1}.json"'
    data = json.loads(export.content)
    assert data["version"] == before + 1
    assert {"country": "BD", "theme": "child-labour", "level": "high", "source": "ilo-unicef-child",
            "reason_en": "Hazardous work in leather tanning.", "reason_nl": indication.reason_nl} in data["indications"]  # fmt: skip


def test_adding_and_removing_an_indication_each_bump_the_version(
    client: Any, secretariat_user: Any, dataset: None
) -> None:
    client.force_login(secretariat_user)
    before = current_version()
    source = QuickScanSource.objects.get(code="ilo-modern-slavery")
    response = client.post(
        "/en/due-diligence/quick-scan/dataset/new/",
        {"country": "MY", "theme": standard_theme("forced-labour").pk, "level": "high", "source": source.pk,
         "reason_en": "Migrant workers in glove factories pay recruitment fees.",
         "reason_nl": "Arbeidsmigranten in handschoenfabrieken betalen wervingskosten."},
    )  # fmt: skip
    assert response.status_code == 302
    assert current_version() == before + 1
    added = QuickScanIndication.objects.get(country="MY")
    assert [f.theme.code for f in quick_scan(sector="other", countries=["MY"]).themes] == ["forced-labour"]
    delete = f"/en/due-diligence/quick-scan/dataset/{added.pk}/delete/"
    confirm = client.post(delete)
    assert confirm.status_code == 200 and "Remove this indication?" in confirm.content.decode()
    assert current_version() == before + 1
    assert client.post(delete, {"cancel": "1"}).status_code == 302
    assert QuickScanIndication.objects.filter(country="MY").exists()
    client.post(delete, {"confirmed": "yes"})
    assert not QuickScanIndication.objects.filter(country="MY").exists()
    assert current_version() == before + 2


def test_an_indication_needs_exactly_one_dimension_and_no_duplicate(
    client: Any, secretariat_user: Any, dataset: None
) -> None:
    client.force_login(secretariat_user)
    before = current_version()
    indication = QuickScanIndication.objects.get(country="BD", theme__code="living-wage")
    both = client.post("/en/due-diligence/quick-scan/dataset/new/", _form(indication, sector="gold"))
    assert both.status_code == 200
    assert "Choose exactly one of sector, country or product category." in both.content.decode()
    duplicate = client.post("/en/due-diligence/quick-scan/dataset/new/", _form(indication))
    assert duplicate.status_code == 200 and duplicate.context["form"].errors
    missing = client.post("/en/due-diligence/quick-scan/dataset/new/", _form(indication, reason_en=""))
    assert "reason_en" in missing.context["form"].errors
    assert current_version() == before


def test_only_the_secretariat_changes_the_dataset(company_user: Any, dataset: None) -> None:
    indication = QuickScanIndication.objects.first()
    assert indication is not None
    with pytest.raises(PermissionDenied):
        services.indication_update(actor=company_user, indication_id=indication.pk, level="high")


def test_a_newer_file_replaces_the_database_copy_and_an_older_one_does_not(dataset: None) -> None:
    data = dataset_file()
    newer = {**data, "version": current_version() + 5, "indications": data["indications"][:3]}
    assert load_dataset(newer) == newer["version"]  # type: ignore[arg-type]
    assert QuickScanIndication.objects.count() == 3
    assert load_dataset(data) is None
    assert QuickScanIndication.objects.count() == 3


def test_the_export_has_the_shape_of_the_file(client: Any, dataset: None) -> None:
    data = json.loads(client.get("/en/due-diligence/quick-scan/dataset/export/").content)
    file = dataset_file()
    assert set(data) == set(file)
    assert len(data["indications"]) == len(file["indications"])
    assert sorted(data["indications"], key=json.dumps) == sorted(file["indications"], key=json.dumps)
    assert data["actions"] == file["actions"]


def test_seed_demo_leaves_the_dataset_loaded_even_after_a_flush(db: Any) -> None:
    QuickScanIndication.objects.all().delete()
    QuickScanVersion.objects.all().delete()
    call_command("seed_demo", stdout=StringIO())
    assert QuickScanIndication.objects.count() == len(dataset_file()["indications"])
    assert current_version() == dataset_file()["version"]


@pytest.mark.parametrize("extra", [0, 30])
def test_the_dataset_page_has_a_fixed_query_budget(
    client: Any, secretariat_user: Any, dataset: None, django_assert_max_num_queries: Any, extra: int
) -> None:
    source = QuickScanSource.objects.first()
    theme = standard_theme("corruption")
    QuickScanIndication.objects.bulk_create(
        QuickScanIndication(country=code, theme=theme, level="elevated", source=source, reason_en="x", reason_nl="x")
        for code in ["AF", "AL", "DZ", "AO", "AR", "AM", "AZ", "BY", "BJ", "BO", "BA", "BW", "BF", "BI", "CM",
                     "CF", "TD", "CL", "KM", "CG", "CR", "CU", "DJ", "DO", "EC", "EG", "SV", "GQ", "ER", "SZ"][:extra]
    )  # fmt: skip
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(8):
        assert client.get(DATASET).status_code == 200
