"""Rules of the code base that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ["portal", "covenants", "companies", "duediligence", "complaints", "tests", "bench"]
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(
        path
        for folder in CODE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_the_rule_sees_the_code_base() -> None:
    modules = _modules()
    assert len(modules) > 50
    assert ROOT / "covenants" / "services" / "memberships.py" in modules


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{path.relative_to(ROOT)} has {lines} lines: split it into a package along its sections "
        "(docs/adr/0004-module-layout.md)"
    )


# --- the platform imports no domain app (architecture.md, "Layers") --------------------------------

DOMAIN_APPS = ("covenants", "companies", "duediligence", "complaints")
#: The top layer of portal/ reads the domain apps; settings and the site's URLconf name them as strings.
PLATFORM_EXCEPTIONS = (
    "portal/dashboards/",
    "portal/reports/",
    "portal/settings/",
)
PLATFORM_TEMPLATES = [
    "templates/base.html",
    "templates/components",
    "templates/core",
    "templates/accounts",
    "templates/notifications",
    "templates/jobs",
    "templates/frontdoor",
    "templates/enquiries",
    "templates/allauth",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
]
_APPS = "|".join(DOMAIN_APPS)
DOMAIN_URL = re.compile(r"""["'](?:""" + _APPS + r"""):[\w-]+["']""")
DOMAIN_TEMPLATE = re.compile(r"""\{%\s*(?:include|extends)\s+["'](?:""" + _APPS + r""")/""")
LOAD = re.compile(r"\{%\s*load\s+([^%]*?)\s*%\}")


def domain_tag_libraries() -> set[str]:
    """The template tag libraries the domain apps provide (a platform template may load none)."""
    return {
        path.stem
        for app in DOMAIN_APPS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def domain_tag_loads(text: str, libraries: set[str]) -> list[str]:
    loaded = [name for match in LOAD.finditer(text) for name in match.group(1).split()]
    return [name for name in loaded if name in libraries]


def domain_imports(source: str) -> list[str]:
    """The domain apps a module imports (absolute imports only: relative ones stay inside portal)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in DOMAIN_APPS]
    # import_module("covenants.x") is an import too.
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).split(".")[0] in DOMAIN_APPS
        ):
            found.append(str(node.args[0].value))
    return found


def _platform_modules() -> list[Path]:
    return sorted(
        path
        for path in (ROOT / "portal").rglob("*.py")
        if not str(path.relative_to(ROOT)).startswith(PLATFORM_EXCEPTIONS)
    )


def _platform_templates() -> list[Path]:
    found: list[Path] = []
    for name in PLATFORM_TEMPLATES:
        path = ROOT / name
        found += sorted(path.rglob("*.html")) if path.is_dir() else [path]
    return found


def test_the_import_rule_sees_the_platform_and_catches_a_domain_import() -> None:
    modules = _platform_modules()
    assert ROOT / "portal" / "registry.py" in modules
    assert ROOT / "portal" / "urls.py" in modules
    assert domain_imports("from covenants.models import Covenant") == ["covenants.models"]
    assert domain_imports("import complaints.services as s") == ["complaints.services"]
    assert domain_imports("x = import_module('companies.selectors')") == ["companies.selectors"]
    assert domain_imports("from .models import User\nfrom portal.access import x") == []


@pytest.mark.parametrize("path", _platform_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_platform_module_imports_no_domain_app(path: Path) -> None:
    imported = domain_imports(path.read_text(encoding="utf-8"))
    assert not imported, (
        f"{path.relative_to(ROOT)} imports {imported}: the platform imports no domain app; "
        "let the app register with portal.registry in its AppConfig.ready() instead"
    )


def test_the_template_rule_sees_the_platform_templates_and_catches_a_domain_reference() -> None:
    templates = _platform_templates()
    assert ROOT / "templates" / "base.html" in templates
    assert ROOT / "templates" / "accounts" / "home.html" in templates
    assert DOMAIN_URL.search("{% url 'covenants:list' %}")
    assert DOMAIN_TEMPLATE.search('{% include "covenants/_table.html" %}')
    assert domain_tag_loads("{% load i18n covenant_tags %}", {"covenant_tags"}) == ["covenant_tags"]
    assert domain_tag_loads("{% load i18n static %}", {"covenant_tags"}) == []
    assert not DOMAIN_URL.search("{% url 'core:home' %}")


@pytest.mark.parametrize("path", _platform_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_platform_template_references_no_domain_app(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    wrong = [m.group(0) for rule in (DOMAIN_URL, DOMAIN_TEMPLATE) for m in rule.finditer(text)]
    wrong += domain_tag_loads(text, domain_tag_libraries())
    assert not wrong, (
        f"{path.relative_to(ROOT)} reaches into a domain app ({wrong}): register navigation and home "
        "sections with portal.registry instead"
    )
