"""Create (or refresh) the demo data. Idempotent: running it twice gives the same data.

Each app may have a `demo.py` with `seed(*, password, log)`; they run in INSTALLED_APPS order, so
the platform's accounts exist before the covenants that use them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

DEFAULT_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo password, refused in production


class Command(BaseCommand):
    help = "Create demo organisations, accounts and domain data for every stakeholder role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password for every demo account.")
        parser.add_argument("--force", action="store_true", help="Run even with production settings.")

    def handle(self, *args: Any, **options: Any) -> None:
        if (settings.SETTINGS_MODULE or "").endswith(".production") and not options["force"]:
            raise CommandError(
                "Refusing to load demo data with production settings; pass --force if you mean it."
            )
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"{config.verbose_name}:")
            with transaction.atomic():
                module.seed(password=options["password"], log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in with any demo account."))
