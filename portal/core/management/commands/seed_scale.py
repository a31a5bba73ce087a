"""Add scale data on top of the demo data: `manage.py seed_scale --companies 1000 --locations 100000
--complaints 10000 --users 5000`. See portal/core/scale_data.py for what each app adds and how."""

from __future__ import annotations

import time
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import translation

from portal.core.scale_data import ScalePlan


class Command(BaseCommand):
    help = "Add companies, production locations, complaints and users at scale (after seed_demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ScalePlan()
        parser.add_argument("--companies", type=int, default=defaults.companies)
        parser.add_argument("--locations", type=int, default=defaults.locations)
        parser.add_argument("--complaints", type=int, default=defaults.complaints)
        parser.add_argument("--users", type=int, default=defaults.users)
        parser.add_argument("--seed", type=int, default=defaults.seed, help="Seed of the random draws.")
        parser.add_argument("--force", action="store_true", help="Run even with production settings.")

    def handle(self, *args: Any, **options: Any) -> None:
        if (settings.SETTINGS_MODULE or "").endswith(".production") and not options["force"]:
            raise CommandError(
                "Refusing to add scale data with production settings; pass --force if you mean it."
            )
        plan = ScalePlan(
            companies=options["companies"],
            locations=options["locations"],
            complaints=options["complaints"],
            users=options["users"],
            seed=options["seed"],
        )
        if min(plan.companies, plan.locations, plan.complaints, plan.users) < 0 or plan.companies < 1:
            raise CommandError("Give at least one company, and no negative numbers.")
        if connection.vendor != "postgresql":
            self.stderr.write("Not PostgreSQL: rows go in with bulk_create, which is much slower than COPY.")
        started = time.perf_counter()
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.scale")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.scale":
                    raise
                continue
            began = time.perf_counter()
            with transaction.atomic(), translation.override("en"):
                added = module.seed(plan, log=self.stdout.write)
            self.stdout.write(f"{config.label}: {added} in {time.perf_counter() - began:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Scale data ready in {time.perf_counter() - started:.0f} s."))
