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
        if not k.startswith(("DJANGO_", "PORTAL_", "CELERY_", "DATABASE_", "REDIS_", "EMAIL_"))
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


# --- one reader of the environment (django-environ) -------------------------------------------------

SHOW = "from django.conf import settings as s; print([{}])"


def settings_in(expression: str, **env: str) -> str:
    """The repr of a list of setting values, as the embedded default settings see them with `env`."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW.format(expression),
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_email_url_sets_the_smtp_server_with_tls_and_credentials():
    shown = settings_in(
        "s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
        "s.EMAIL_USE_TLS, s.EMAIL_USE_SSL",
        EMAIL_URL="smtp+tls://mailer%40portal.example:s3cr%2Ft@mail.example.org:587",
    )
    assert shown == (
        "['django.core.mail.backends.smtp.EmailBackend', 'mail.example.org', 587, 'mailer@portal.example', "
        "'s3cr/t', True, False]"
    )


def test_email_goes_to_the_console_without_email_url_and_to_files_with_filemail(tmp_path):
    assert settings_in("s.EMAIL_BACKEND") == "['django.core.mail.backends.console.EmailBackend']"
    shown = settings_in("s.EMAIL_BACKEND, s.EMAIL_FILE_PATH", EMAIL_URL=f"filemail://{tmp_path}")
    assert shown == f"['django.core.mail.backends.filebased.EmailBackend', '{tmp_path}']"


def test_the_old_email_variables_are_gone_and_a_wrong_scheme_is_refused():
    assert settings_in("s.EMAIL_HOST", DJANGO_EMAIL_HOST="old.example.org") == "['localhost']"
    result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.dev", EMAIL_URL="pigeon://coop")
    assert result.returncode != 0 and "Invalid email schema pigeon" in result.stderr


def test_database_and_cache_urls_keep_the_pool_and_the_redis_timeouts():
    shown = settings_in(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.DATABASES['default']['OPTIONS'], s.CACHES['default']",
        DATABASE_URL="postgres://portal:pw@db.example:5433/portal_x",
        REDIS_URL="redis://cache.example:6380/3",
        PORTAL_DB_POOL_MAX="4",
    )
    assert shown == (
        "['django.db.backends.postgresql', 'portal_x', {'pool': {'min_size': 1, 'max_size': 4, 'timeout': 10}}, "
        "{'BACKEND': 'portal.core.cache.ResilientRedisCache', 'LOCATION': 'redis://cache.example:6380/3', "
        "'KEY_PREFIX': 'portal', 'OPTIONS': {'socket_connect_timeout': 2, 'socket_timeout': 2}}]"
    )


def test_settings_read_the_environment_only_through_the_one_env_reader():
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "os.environ.get(" not in text or path.name == "production.py", path.name
        assert "os.getenv(" not in text, path.name
    assert not (ROOT / "portal" / "settings" / "env.py").exists()
