"""Production settings: secrets required, `check --deploy` clean; migrations committed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PORTAL_", "CELERY_", "DATABASE_", "REDIS_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", **PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    key = "k" + os.urandom(40).hex()
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=key, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_requires_two_factor_for_privileged_roles_by_default():
    key = "k" + os.urandom(40).hex()
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.PORTAL_REQUIRE_MFA, settings.DEBUG)",
        DJANGO_SECRET_KEY=key,
        **PRODUCTION,
    )
    assert result.stdout.strip() == "True False", result.stderr


def test_embedded_default_runs_on_sqlite_with_eager_tasks():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3 True True", result.stderr


def test_migrations_are_committed():
    result = run_manage(
        "makemigrations", "--check", "--dry-run", DJANGO_SETTINGS_MODULE="portal.settings.test"
    )
    assert result.returncode == 0, result.stdout + result.stderr
