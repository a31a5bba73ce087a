"""The dependency audit step (scripts/audit.py): what fails it, what only warns, and where the accepted
exceptions come from."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("portal_audit_script", ROOT / "scripts" / "audit.py")
assert _spec and _spec.loader
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

DOC = """# Security
## Accepted vulnerabilities

| id | package | why |
|---|---|---|
| `PYSEC-2099-1` | examplepkg | only the CLI is affected, which the portal never runs |
| GHSA-aaaa-bbbb-cccc | other | fixed in the next release, due in March |

## Something else
| CVE-2099-9 | not | in the table |
"""


def report(*dependencies: dict) -> dict:
    return {"dependencies": list(dependencies), "fixes": []}


def fake_audit(monkeypatch, status: int, result: dict | None) -> list[list[str]]:
    calls: list[list[str]] = []

    def run(ignored: list[str]):
        calls.append(ignored)
        return status, result, "Traceback ...\nConnectionError: pypi unreachable"

    monkeypatch.setattr(audit, "run_audit", run)
    return calls


def test_accepted_ids_are_read_from_the_table_of_the_section_only():
    assert audit.accepted_ids(DOC) == ["PYSEC-2099-1", "GHSA-aaaa-bbbb-cccc"]


def test_the_projects_own_document_has_the_section():
    assert isinstance(audit.accepted_ids((ROOT / "docs" / "security.md").read_text()), list)


def test_the_documented_exceptions_are_passed_to_pip_audit(monkeypatch, tmp_path):
    (tmp_path / "security.md").write_text(DOC)
    monkeypatch.setattr(audit, "DOC", tmp_path / "security.md")
    calls = fake_audit(monkeypatch, 0, report({"name": "django", "version": "5.2", "vulns": []}))
    assert audit.main() == 0
    assert calls == [["PYSEC-2099-1", "GHSA-aaaa-bbbb-cccc"]]


def test_a_known_vulnerability_fails_the_step(monkeypatch, capsys):
    vuln = {"id": "PYSEC-2099-7", "fix_versions": ["5.2.99"]}
    fake_audit(monkeypatch, 1, report({"name": "django", "version": "5.2", "vulns": [vuln]}))
    assert audit.main() == 1
    assert "VULNERABLE django==5.2: PYSEC-2099-7 (fixed in: 5.2.99)" in capsys.readouterr().err


@pytest.mark.parametrize(("required", "expected"), [("", 0), ("1", 1)])
def test_packages_the_service_cannot_tell_about_warn_loudly_and_fail_only_when_required(
    monkeypatch, capsys, required, expected
):
    monkeypatch.setenv("PORTAL_AUDIT_REQUIRED", required)
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    fake_audit(monkeypatch, 0, report(skipped, {"name": "redis", "version": "8", "vulns": []}))
    assert audit.main() == expected
    err = capsys.readouterr().err
    assert "DEPENDENCY AUDIT INCOMPLETE" in err and "1 of 2 packages" in err


@pytest.mark.parametrize(("required", "expected"), [("0", 0), ("1", 1)])
def test_an_unreachable_service_warns_loudly_and_fails_only_when_required(
    monkeypatch, capsys, required, expected
):
    monkeypatch.setenv("PORTAL_AUDIT_REQUIRED", required)
    fake_audit(monkeypatch, 1, None)
    assert audit.main() == expected
    err = capsys.readouterr().err
    assert "DEPENDENCY AUDIT NOT RUN" in err and "pypi unreachable" in err


def test_a_clean_complete_audit_passes(monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_AUDIT_REQUIRED", "1")
    fake_audit(monkeypatch, 0, report({"name": "django", "version": "5.2", "vulns": []}))
    assert audit.main() == 0
    assert "1 of 1 pinned packages audited, 0 known vulnerabilities" in capsys.readouterr().out
